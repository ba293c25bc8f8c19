package dev.lumen.domain.proactive;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the proactive messages planned for users, whatever their state. The frequency caps are
 * counted against it, so it must hold sent and failed messages too, for at least the longest cap window.
 *
 * <p>Delivery: a {@link ProactiveState#PLANNED} message is <em>due</em> once its {@code deliverAt} has
 * passed, until the dispatcher has handed it to the delivery queue ({@link #markQueued}). The state moves
 * from PLANNED to SENT or FAILED exactly once: {@link #markSent} and {@link #markFailed} are conditional
 * on the message still being PLANNED, so two workers racing on one message settle it once.
 */
public interface ProactiveOutbox {

    /**
     * Adds the message unless one with its id exists (a conditional write on the id).
     *
     * @return false when the id was there already (nothing changed)
     */
    boolean add(ProactiveMessage message);

    /** The user's messages planned at or after {@code since}, oldest first. */
    List<ProactiveMessage> recent(String userId, Instant since);

    /** The user's newest messages, newest first (by planning time), at most {@code limit}. */
    List<ProactiveMessage> latest(String userId, int limit);

    /** One message of the user; empty when unknown (or erased). */
    Optional<ProactiveMessage> find(String userId, String messageId);

    /**
     * PLANNED messages whose {@code deliverAt} is at or before {@code now} and that were not queued
     * yet, earliest {@code deliverAt} first, at most {@code limit}. May lag a write by a moment (an index).
     */
    List<ProactiveMessage> due(Instant now, int limit);

    /**
     * Takes the message out of {@link #due}: it is on the delivery queue now.
     *
     * @return false when it was not due any more (queued by someone else, settled or erased)
     */
    boolean markQueued(String userId, String messageId);

    /** PLANNED → SENT at {@code at}; false (nothing changed) when it is not PLANNED or unknown. */
    boolean markSent(String userId, String messageId, Instant at);

    /** PLANNED → FAILED at {@code at}, keeping {@code reason}; false (nothing changed) when it is not PLANNED or unknown. */
    boolean markFailed(String userId, String messageId, Instant at, String reason);

    /**
     * Removes every message of the user (the right to erasure: a message speaks of the user's goals
     * and moods) and says how many went. Erasing again finds nothing.
     */
    int eraseUser(String userId);
}
