package dev.lumen.domain.realtime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: the open WebSocket connections, by connection id and by user (a user may be connected from
 * several devices). Records expire on their own at {@link Connection#expiresAt()} (a TTL in DynamoDB);
 * readers must not return an expired one even before the store has removed it.
 */
public interface ConnectionRegistry {

    /** Records the connection (replacing a record with the same id). */
    void register(Connection connection);

    /** The connection, unless unknown or expired at {@code now}. */
    Optional<Connection> find(String connectionId, Instant now);

    /** The user's connections not expired at {@code now}, oldest first. */
    List<Connection> ofUser(String userId, Instant now);

    /** Forgets the connection; forgetting an unknown one does nothing. */
    void remove(String connectionId);

    /** Forgets every connection of the user (the right to erasure) and says how many went. */
    int eraseUser(String userId);
}
