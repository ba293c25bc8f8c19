package dev.lumen.domain.presence;

import java.time.Instant;

/** One user's typing indicator in a session; it lapses at {@code expiresAt} unless renewed. */
public record TypingStatus(String sessionId, String userId, boolean typing, Instant expiresAt) {
}
