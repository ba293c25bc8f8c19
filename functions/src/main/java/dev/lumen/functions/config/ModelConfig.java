package dev.lumen.functions.config;

import dev.lumen.domain.model.FallbackChatModel.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chat model chain: which Bedrock models, in order, and how hard to try each.
 *
 * <p>Time budget (defaults): one attempt takes at most {@code LUMEN_MODEL_ATTEMPT_TIMEOUT_MS}
 * (8 s; the Bedrock client makes exactly one HTTP attempt, no SDK retries), the whole chain at most
 * {@code LUMEN_MODEL_BUDGET_MS} (20 s), and an attempt starts only while a whole one still fits.
 * The chat function's timeout is 28 s and API Gateway's 30 s, leaving 8 s for the reads and writes
 * around the call. Worst cases: two slow models, 8 + 8 s then the graceful reply; a throttled
 * primary, 2 attempts with ≤ 2 s backoff, then the fallback.
 *
 * @param modelIds {@code LUMEN_MODEL_CHAIN} (comma-separated), else {@code BEDROCK_MODEL_ID} alone
 */
public record ModelConfig(List<String> modelIds, Policy policy) {

    public static ModelConfig fromEnvironment() {
        List<String> ids = new ArrayList<>();
        Optional<String> chain = Environment.optional("LUMEN_MODEL_CHAIN");
        chain.ifPresent(value -> {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
        });
        if (ids.isEmpty()) {
            Environment.optional("BEDROCK_MODEL_ID").ifPresent(ids::add);
        }
        Policy defaults = Policy.defaults();
        Policy policy = new Policy(
                Environment.wholeNumber("LUMEN_MODEL_ATTEMPTS", defaults.attemptsPerModel(), 1),
                defaults.baseBackoff(), defaults.maxBackoff(),
                Duration.ofMillis(Environment.wholeNumber("LUMEN_MODEL_ATTEMPT_TIMEOUT_MS", (int) defaults.attemptTimeout().toMillis(), 1)),
                Duration.ofMillis(Environment.wholeNumber("LUMEN_MODEL_BUDGET_MS", (int) defaults.budget().toMillis(), 1)),
                Environment.wholeNumber("LUMEN_MODEL_BREAKER_FAILURES", defaults.breakerThreshold(), 1),
                Duration.ofSeconds(Environment.wholeNumber("LUMEN_MODEL_BREAKER_COOLDOWN_SECONDS",
                        (int) defaults.breakerCoolDown().toSeconds(), 1)));
        return new ModelConfig(List.copyOf(ids), policy);
    }

    /** The chain, or a message naming the variables to set. */
    public List<String> requireModelIds() {
        if (modelIds.isEmpty()) {
            throw new IllegalStateException("configuration variable LUMEN_MODEL_CHAIN or BEDROCK_MODEL_ID is not set");
        }
        return modelIds;
    }
}
