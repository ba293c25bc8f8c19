package dev.lumen.domain.proactive;

import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.PromptBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plans at most one proactive message for a user: analyses their behaviour, evaluates the trigger
 * rules, drops the trigger types whose cap is reached, takes the top remaining trigger, has the
 * persona write the message through the {@link ChatModel} ({@link ModelRequest.Task#PROACTIVE}),
 * chooses its delivery time and channel and adds it to the {@link ProactiveOutbox} as
 * {@link ProactiveState#PLANNED}.
 *
 * <p>Caps are counted against the outbox before the model is called, so a capped user costs no
 * model call. The message id is derived from user, trigger type and UTC day, and the outbox adds
 * it only once, so a re-run of the same hour (a redelivered schedule event) plans nothing twice.
 * A model that fails throws ({@link dev.lumen.domain.error.UnavailableException}) and nothing is
 * planned: the next hourly evaluation tries again.
 */
public final class ProactivePlanner {
    static final int MAX_TOKENS = 200;

    private final ProactiveSettings settings;
    private final TriggerRules rules;
    private final DeliveryTime deliveryTime;
    private final ProactiveOutbox outbox;
    private final ChatModel model;
    private final Clock clock;

    public ProactivePlanner(ProactiveSettings settings, ProactiveOutbox outbox, ChatModel model, Clock clock) {
        this.settings = settings;
        this.rules = new TriggerRules(settings);
        this.deliveryTime = new DeliveryTime(settings);
        this.outbox = outbox;
        this.model = model;
        this.clock = clock;
    }

    /** The message planned now for this user, or empty when no trigger fired or every one is capped. */
    public Optional<ProactiveMessage> plan(ProactiveCandidate candidate) {
        Instant now = clock.instant();
        BehaviourInput input = candidate.behaviour();
        BehaviourAnalysis analysis = BehaviourAnalysis.of(input, now, settings.lookback());
        List<Trigger> fired = rules.evaluate(analysis);
        if (fired.isEmpty()) {
            return Optional.empty();
        }
        Duration longest = settings.perTypeWindow().compareTo(Duration.ofDays(1)) > 0
                ? settings.perTypeWindow() : Duration.ofDays(1);
        List<ProactiveMessage> recent = outbox.recent(input.userId(), now.minus(longest));
        Instant dayAgo = now.minus(Duration.ofDays(1));
        if (recent.stream().filter(m -> m.plannedAt().isAfter(dayAgo)).count() >= settings.dailyCap()) {
            return Optional.empty();
        }
        Instant typeSince = now.minus(settings.perTypeWindow());
        Map<TriggerType, Long> perType = recent.stream().filter(m -> m.plannedAt().isAfter(typeSince))
                .collect(Collectors.groupingBy(m -> m.trigger().type(), Collectors.counting()));
        Optional<Trigger> top = fired.stream()
                .filter(t -> perType.getOrDefault(t.type(), 0L) < settings.perTypeCap())
                .findFirst();
        if (top.isEmpty()) {
            return Optional.empty();
        }
        Trigger trigger = top.get();
        String text = model.reply(request(candidate, trigger)).text().strip();
        ProactiveMessage message = new ProactiveMessage(messageId(input.userId(), trigger.type(), now),
                input.userId(), candidate.persona().id(), trigger, text, now,
                deliveryTime.choose(input.turns(), input.zone(), now),
                candidate.connected() ? Channel.WEBSOCKET : Channel.WEBHOOK, ProactiveState.PLANNED);
        return outbox.add(message) ? Optional.of(message) : Optional.empty();
    }

    /** {@code p-} and 32 hex digits of SHA-256 over user, trigger type and UTC day: a valid id, the same all day. */
    public static String messageId(String userId, TriggerType type, Instant at) {
        String key = userId + "\n" + type.name() + "\n" + LocalDate.ofInstant(at, ZoneOffset.UTC);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "p-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * The persona's own system prompt, and as the "user message" an instruction naming the reason;
     * its last line, {@code Reason: …}, is what a model that does not read prompts (the offline one) uses.
     */
    static ModelRequest request(ProactiveCandidate candidate, Trigger trigger) {
        var persona = candidate.persona();
        String system = PromptBuilder.systemPrompt(persona.name(), persona.description(), persona.traits());
        String instruction = "Write a short message (two or three sentences) that you send to the user on your own"
                + " initiative, in your own voice. Do not mention rules, scores or that this is automated."
                + " Evidence: " + new TreeMap<>(trigger.evidence()) + "\n" + ProactiveReasons.REASON_PREFIX
                + ProactiveReasons.sentence(trigger);
        return new ModelRequest(system, List.of(), instruction, persona.name(), persona.traits(), MAX_TOKENS,
                List.of(), ModelRequest.Task.PROACTIVE);
    }
}
