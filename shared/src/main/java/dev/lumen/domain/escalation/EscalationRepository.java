package dev.lumen.domain.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the escalation records, kept until resolved and after (they are the hand-off's audit trail). */
public interface EscalationRepository {

    /**
     * Stores a new escalation.
     *
     * @throws dev.lumen.domain.error.ConflictException when one with the same id exists
     */
    void create(Escalation escalation);

    Optional<Escalation> find(String escalationId);

    /** Escalations with this status, newest first, at most {@code limit}. */
    List<Escalation> list(EscalationStatus status, int limit);

    /**
     * Marks an open escalation resolved.
     *
     * @return false when it is unknown or no longer open (nothing changes then)
     */
    boolean resolve(String escalationId, Instant at, String resolvedBy, String note);

    /** Records that the hand-off message reached the queue. Nothing happens for an unknown id. */
    void markNotified(String escalationId);

    /** Open escalations whose hand-off message has not reached the queue, oldest first, at most {@code limit}. */
    List<Escalation> unnotified(int limit);
}
