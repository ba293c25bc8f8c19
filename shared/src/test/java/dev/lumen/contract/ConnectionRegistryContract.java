package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.realtime.Connection;
import dev.lumen.domain.realtime.ConnectionRegistry;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectionRegistry} must do. Cases use fresh random ids, so a subclass may share
 * one store between them.
 */
public abstract class ConnectionRegistryContract {
    /** In the future, so a store with real TTL keeps the items while the case runs. */
    private static final Instant NOW = Instant.now().plusSeconds(3_600).plusNanos(123_456_789);

    private ConnectionRegistry registry;

    /** A registry for one test case. */
    protected abstract ConnectionRegistry newRegistry();

    @BeforeEach
    void createRegistry() {
        registry = newRegistry();
    }

    private static Connection connection(String userId, Instant at) {
        return new Connection("c-" + Ids.random(), userId, at, at.plusSeconds(7_200));
    }

    @Test
    void aRegisteredConnectionIsFoundUntilItExpires() {
        // GIVEN
        Connection connection = connection("u-" + Ids.random(), NOW);

        // WHEN
        registry.register(connection);

        // THEN it is live up to, not at, its expiry
        assertThat(registry.find(connection.connectionId(), NOW)).contains(connection);
        assertThat(registry.find(connection.connectionId(), connection.expiresAt().minusNanos(1))).contains(connection);
        assertThat(registry.find(connection.connectionId(), connection.expiresAt())).isEmpty();
        assertThat(registry.ofUser(connection.userId(), connection.expiresAt())).isEmpty();
        assertThat(registry.find("c-" + Ids.random(), NOW)).isEmpty();
    }

    @Test
    void aUserHasEveryLiveDeviceOldestFirstAndNobodyElses() {
        // GIVEN two devices of one user, another user's device, and one of the user's that lapsed
        String user = "u-" + Ids.random();
        Connection laptop = connection(user, NOW.minusSeconds(60));
        Connection phone = connection(user, NOW);
        Connection lapsed = new Connection("c-" + Ids.random(), user, NOW.minusSeconds(7_300), NOW.minusSeconds(100));
        registry.register(phone);
        registry.register(laptop);
        registry.register(lapsed);
        registry.register(connection("u-" + Ids.random(), NOW));

        // WHEN / THEN
        assertThat(registry.ofUser(user, NOW)).containsExactly(laptop, phone);
        assertThat(registry.ofUser("u-" + Ids.random(), NOW)).isEmpty();
    }

    @Test
    void removingForgetsTheConnectionEverywhereAndUnknownIdsAreNoError() {
        // GIVEN
        String user = "u-" + Ids.random();
        Connection gone = connection(user, NOW);
        Connection kept = connection(user, NOW.plusSeconds(1));
        registry.register(gone);
        registry.register(kept);

        // WHEN
        registry.remove(gone.connectionId());
        registry.remove(gone.connectionId());
        registry.remove("c-" + Ids.random());

        // THEN
        assertThat(registry.find(gone.connectionId(), NOW)).isEmpty();
        assertThat(registry.ofUser(user, NOW)).containsExactly(kept);
    }

    @Test
    void registeringAnIdAgainReplacesTheRecord() {
        // GIVEN
        String user = "u-" + Ids.random();
        Connection first = connection(user, NOW);
        registry.register(first);
        Connection again = new Connection(first.connectionId(), user, NOW.plusSeconds(5), NOW.plusSeconds(7_205));

        // WHEN
        registry.register(again);

        // THEN
        assertThat(registry.find(first.connectionId(), NOW)).contains(again);
        assertThat(registry.ofUser(user, NOW)).containsExactly(again);
    }

    @Test
    void erasingAUserForgetsAllTheirConnectionsAndOnlyTheirs() {
        // GIVEN
        String user = "u-" + Ids.random();
        Connection one = connection(user, NOW);
        Connection two = connection(user, NOW.plusSeconds(1));
        Connection other = connection("u-" + Ids.random(), NOW);
        registry.register(one);
        registry.register(two);
        registry.register(other);

        // WHEN
        int erased = registry.eraseUser(user);

        // THEN
        assertThat(erased).isEqualTo(2);
        assertThat(registry.ofUser(user, NOW)).isEmpty();
        assertThat(registry.find(one.connectionId(), NOW)).isEmpty();
        assertThat(registry.find(two.connectionId(), NOW)).isEmpty();
        assertThat(registry.find(other.connectionId(), NOW)).contains(other);
        assertThat(registry.eraseUser(user)).isZero();
    }
}
