package dev.lumen.domain.realtime;

import dev.lumen.domain.proactive.Connections;
import java.time.Clock;

/**
 * {@link Connections} over the {@link ConnectionRegistry}: a user is connected while at least one of
 * their WebSocket connections is registered and not expired. A connection that closed without a
 * {@code $disconnect} still counts until it expires (at most two hours) or a push finds it gone,
 * so a delivery to it may find nobody: the sender falls back as for any failed push.
 */
public final class LiveConnections implements Connections {
    private final ConnectionRegistry registry;
    private final Clock clock;

    public LiveConnections(ConnectionRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public boolean connected(String userId) {
        return !registry.ofUser(userId, clock.instant()).isEmpty();
    }
}
