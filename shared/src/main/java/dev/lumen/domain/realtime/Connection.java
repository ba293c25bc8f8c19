package dev.lumen.domain.realtime;

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

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
