package dev.lumen.fakes;

import dev.lumen.domain.realtime.Connection;
import dev.lumen.domain.realtime.ConnectionRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link ConnectionRegistry}; same contract as the real adapters. */
public final class InMemoryConnectionRegistry implements ConnectionRegistry {
    private final Map<String, Connection> byId = new LinkedHashMap<>();

    @Override
    public synchronized void register(Connection connection) {
        byId.put(connection.connectionId(), connection);
    }

    @Override
    public synchronized Optional<Connection> find(String connectionId, Instant now) {
        return Optional.ofNullable(byId.get(connectionId)).filter(c -> !c.expired(now));
    }

    @Override
    public synchronized List<Connection> ofUser(String userId, Instant now) {
        return byId.values().stream().filter(c -> c.userId().equals(userId) && !c.expired(now))
                .sorted(Comparator.comparing(Connection::connectedAt).thenComparing(Connection::connectionId))
                .toList();
    }

    @Override
    public synchronized void remove(String connectionId) {
        byId.remove(connectionId);
    }

    @Override
    public synchronized int eraseUser(String userId) {
        int before = byId.size();
        byId.values().removeIf(c -> c.userId().equals(userId));
        return before - byId.size();
    }
}
