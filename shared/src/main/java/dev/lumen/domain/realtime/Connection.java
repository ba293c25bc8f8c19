package dev.lumen.domain.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One open real-time (WebSocket) connection of a user.
 *
 * @param connectionId the id API Gateway (or the local runner) gave the connection
 * @param connectedAt  when {@code $connect} accepted it
 * @param expiresAt    when the record may be dropped even without a {@code $disconnect}: API Gateway closes
 *                     every WebSocket connection after two hours at most, and a lost {@code $disconnect}
 *                     must not leave a user "connected" forever
 */
public record Connection(String connectionId, String userId, Instant connectedAt, Instant expiresAt) {

    public Connection {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * How long after {@code $connect} a push may still find the connection not open yet: the record is
     * written while API Gateway (or the local runner) waits for {@code $connect} to answer (29 s at most),
     * and a push before the handshake completes is refused with 410 like a push to a gone connection.
     */
    public static final Duration HANDSHAKE_GRACE = Duration.ofSeconds(30);

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Whether a push answered 410 (gone) means the connection really is gone, so its record may be
     * forgotten. Not for a connection still inside {@link #HANDSHAKE_GRACE}: forgetting it would leave a
     * device that is just connecting without any push for the rest of its life (the presence frame of
     * another device closing at that moment was enough).
     */
    public boolean goneWhenRefused(Instant now) {
        return !now.isBefore(connectedAt.plus(HANDSHAKE_GRACE));
    }
}
