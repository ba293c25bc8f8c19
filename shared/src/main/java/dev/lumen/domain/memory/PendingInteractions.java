package dev.lumen.domain.memory;

import java.time.Instant;
import java.util.List;

/**
 * Port: the outbox of interactions. {@link dev.lumen.domain.chat.ConversationRepository#appendTurn}
 * writes a pending copy in the same transaction as the turn; the worker removes it in the same
 * transaction that applies what it learned; the sweeper publishes again whatever stays too long.
 */
public interface PendingInteractions {

    /** Pending interactions whose {@code nextAttemptAt} is at or before {@code now}, oldest first. */
    List<PendingInteraction> due(Instant now, int limit);

    /** Counts one more publish attempt and moves its next attempt to {@code nextAttemptAt}. */
    void rescheduled(String interactionId, Instant nextAttemptAt);

    /**
     * Stops sweeping an interaction that was published too often without being processed (its
     * message sits in the dead-letter queue by then); it stays stored for an operator.
     */
    void parked(String interactionId);
}
