package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.proactive.GoalStatus;
import dev.lumen.domain.proactive.GoalStore;
import dev.lumen.domain.proactive.UserGoal;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link GoalStore} must do. Cases use fresh random user ids, so a subclass may share one store. */
public abstract class GoalStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-02T09:15:30.123456789Z");

    private GoalStore store;

    protected abstract GoalStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void aGoalComesBackWholeAndIsReplacedById() {
        // GIVEN
        String userId = Ids.random();
        UserGoal first = new UserGoal("run-5k", new GoalStatus("Run 5k", 0.2, 0.5, T0, T0.plusSeconds(86_400)), T0);
        UserGoal noDates = new UserGoal("read", new GoalStatus("Read a book", 0.0, 0.0, null, null), T0);

        // WHEN
        store.put(userId, first);
        store.put(userId, noDates);

        // THEN
        assertThat(store.find(userId, "run-5k")).contains(first);
        assertThat(store.ofUser(userId)).containsExactly(noDates, first);
        UserGoal moved = new UserGoal("run-5k", new GoalStatus("Run 5k", 0.4, 0.5, T0.plusSeconds(60), null), T0.plusSeconds(60));
        store.put(userId, moved);
        assertThat(store.find(userId, "run-5k")).contains(moved);
        assertThat(store.ofUser(userId)).containsExactly(noDates, moved);
        assertThat(store.find(userId, "unknown")).isEmpty();
        assertThat(store.find(Ids.random(), "run-5k")).isEmpty();
        assertThat(store.ofUser(Ids.random())).isEmpty();
    }

    @Test
    void theTimeZoneIsKeptPerUserAndIsNotAGoal() {
        // GIVEN
        String userId = Ids.random();

        // WHEN
        store.setTimeZone(userId, ZoneId.of("Europe/Berlin"));
        store.setTimeZone(userId, ZoneId.of("America/New_York"));

        // THEN
        assertThat(store.timeZone(userId)).contains(ZoneId.of("America/New_York"));
        assertThat(store.timeZone(Ids.random())).isEmpty();
        assertThat(store.ofUser(userId)).isEmpty();
    }

    @Test
    void erasingAUserRemovesTheirGoalsAndTimeZoneOnly() {
        // GIVEN
        String userId = Ids.random();
        String other = Ids.random();
        UserGoal goal = new UserGoal("g1", new GoalStatus("Sleep 8h", 0.5, 0.5, T0, null), T0);
        store.put(userId, goal);
        store.put(userId, new UserGoal("g2", new GoalStatus("Walk", 0.1, 0.3, T0, null), T0));
        store.setTimeZone(userId, ZoneId.of("Asia/Tokyo"));
        store.put(other, goal);

        // WHEN
        int erased = store.eraseUser(userId);

        // THEN
        assertThat(erased).isEqualTo(3);
        assertThat(store.ofUser(userId)).isEmpty();
        assertThat(store.timeZone(userId)).isEmpty();
        assertThat(store.ofUser(other)).containsExactly(goal);
        assertThat(store.eraseUser(userId)).isZero();
    }
}
