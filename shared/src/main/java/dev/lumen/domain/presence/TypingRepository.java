package dev.lumen.domain.presence;

import java.time.Instant;
import java.util.List;

/** Port: short-lived typing indicators. */
public interface TypingRepository {

    /** Sets or clears (typing = false) a user's indicator in a session. */
    void put(TypingStatus status);

    /** Users typing in a session at {@code now} (expired indicators are left out even if still stored). */
    List<TypingStatus> typing(String sessionId, Instant now);
}
