package dev.lumen.domain.usage;

import dev.lumen.domain.chat.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * @param agentId   the agent (slug) whose work made the call, or null; an agent's call charges that
 *                  agent's account only (no user, creator or persona is involved)
 */
public record ChargedCall(String callId, String userId, String personaId, String creatorId, String model, Usage usage,
                          BigDecimal costUsd, Instant at, String agentId) {
    /** The user id anonymous calls are counted under (no real id contains {@code ~}). */
    public static final String ANONYMOUS_USER = "~anonymous";

    public ChargedCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(at, "at");
        usage = usage == null ? Usage.NONE : usage;
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        if (agentId != null && (userId != null || personaId != null || creatorId != null)) {
            throw new IllegalArgumentException("an agent's call charges the agent alone");
        }
    }

    /** A call made for a user, a creator and/or a persona. */
    public ChargedCall(String callId, String userId, String personaId, String creatorId, String model, Usage usage,
                       BigDecimal costUsd, Instant at) {
        this(callId, userId, personaId, creatorId, model, usage, costUsd, at, null);
    }

    /** A call made by an agent's work (a cycle or a custody examination). */
    public static ChargedCall forAgent(String callId, String agentId, String model, Usage usage, BigDecimal costUsd,
                                       Instant at) {
        return new ChargedCall(callId, null, null, null, model, usage, costUsd, at, Objects.requireNonNull(agentId, "agentId"));
    }

    /**
     * Every account the call is added to: the agent's alone for an agent's call; otherwise the user's
     * (or {@link #ANONYMOUS_USER}), then the creator's and the persona's where named.
     */
    public List<Account> accounts() {
        if (agentId != null) {
            return List.of(Account.agent(agentId));
        }
        List<Account> accounts = new ArrayList<>(3);
        accounts.add(Account.user(chargedUser()));
        if (creatorId != null) {
            accounts.add(Account.creator(creatorId));
        }
        if (personaId != null) {
            accounts.add(Account.persona(personaId));
        }
        return List.copyOf(accounts);
    }

    /** The user id to charge: the user's, or {@link #ANONYMOUS_USER}; null for an agent's call (no user pays). */
    public String chargedUser() {
        if (agentId != null) {
            return null;
        }
        return userId == null ? ANONYMOUS_USER : userId;
    }

    public UsageTotals totals() {
        return new UsageTotals(1, usage.inputTokens(), usage.outputTokens(), costUsd);
    }
}
