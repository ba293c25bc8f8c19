package dev.lumen.domain.presence;

import dev.lumen.domain.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Typing indicators: a client says a user is typing every few seconds while they type; an
 * indicator not renewed lapses after {@link #TTL}, so a closed tab never leaves one behind.
 */
public final class TypingService {
    public static final Duration TTL = Duration.ofSeconds(10);

    private final TypingRepository typing;
    private final Clock clock;

    public TypingService(TypingRepository typing, Clock clock) {
        this.typing = typing;
        this.clock = clock;
    }

    /** Sets ({@code typing}) or clears a user's indicator; returns it as stored. */
    public TypingStatus set(String sessionId, String userId, boolean isTyping) {
        TypingStatus status = new TypingStatus(Ids.require("sessionId", sessionId), Ids.require("userId", userId),
                isTyping, clock.instant().plus(TTL));
        typing.put(status);
        return status;
    }

    /** Who is typing in a session right now. */
    public List<TypingStatus> typing(String sessionId) {
        return typing.typing(Ids.require("sessionId", sessionId), clock.instant());
    }
}
