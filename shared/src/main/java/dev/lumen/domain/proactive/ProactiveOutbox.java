package dev.lumen.domain.proactive;

import java.time.Instant;
import java.util.List;

/**
 * Port: the proactive messages planned for users, whatever their state. The frequency caps are
 * counted against it, so it must hold sent and failed messages too, for at least the longest cap window.
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

    /**
     * Removes every message of the user (the right to erasure: a message speaks of the user's goals
     * and moods) and says how many went. Erasing again finds nothing.
     */
    int eraseUser(String userId);
}
