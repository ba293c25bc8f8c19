package dev.lumen.domain.usage;

import dev.lumen.domain.chat.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One model call to account for.
 *
 * @param callId    unique per call: recording the same id again changes nothing (a chat turn uses
 *                  its interaction id, so an SQS redelivery is not counted twice)
 * @param userId    null when anonymous: counted under {@link #ANONYMOUS_USER}
 * @param personaId null when no persona was involved (a knowledge query, a draft)
 * @param creatorId null when there is no tenant to charge
 * @param at        the call's time; the UTC day and month it falls in are charged
 */
public record ChargedCall(String callId, String userId, String personaId, String creatorId, String model, Usage usage,
                          BigDecimal costUsd, Instant at) {
    /** The user id anonymous calls are counted under (no real id contains {@code ~}). */
    public static final String ANONYMOUS_USER = "~anonymous";

    public ChargedCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(at, "at");
        usage = usage == null ? Usage.NONE : usage;
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    /** The user id to charge: the user's, or {@link #ANONYMOUS_USER}. */
    public String chargedUser() {
        return userId == null ? ANONYMOUS_USER : userId;
    }

    public UsageTotals totals() {
        return new UsageTotals(1, usage.inputTokens(), usage.outputTokens(), costUsd);
    }
}
