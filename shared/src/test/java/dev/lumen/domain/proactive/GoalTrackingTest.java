package dev.lumen.domain.proactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.ValidationException;
import dev.lumen.fakes.InMemoryGoalStore;
import dev.lumen.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class GoalTrackingTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryGoalStore store = new InMemoryGoalStore();
    private final GoalTracking goals = new GoalTracking(store, clock);

    @Test
    void theServerStampsLastProgressWhenTheGoalIsSetAndWhenProgressMoves() {
        // GIVEN a goal set now
        goals.set("ann", "run-5k", "Run 5k", 0.2, 0.4, null);

        // WHEN an hour later only expected changes, a day later progress moves
        clock.advance(Duration.ofHours(1));
        UserGoal same = goals.set("ann", "run-5k", "Run 5k", 0.2, 0.5, null);
        clock.advance(Duration.ofDays(1));
        UserGoal moved = goals.set("ann", "run-5k", "Run 5k", 0.3, 0.5, NOW.plus(Duration.ofDays(3)));

        // THEN
        assertThat(same.status().lastProgressAt()).isEqualTo(NOW);
        assertThat(moved.status().lastProgressAt()).isEqualTo(clock.instant());
        assertThat(goals.statuses().of("ann")).containsExactly(moved.status());
        assertThat(goals.list("ann").goals()).containsExactly(moved);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        assertThatThrownBy(() -> goals.set("ann", "g", "Run", 1.2, 0.5, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'progress'");
        assertThatThrownBy(() -> goals.set("ann", "g", "Run", 0.2, -0.1, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'expected'");
        assertThatThrownBy(() -> goals.set("ann", "g", " ", 0.2, 0.1, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'goal'");
        assertThatThrownBy(() -> goals.setTimeZone("ann", "Mars/Olympus"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'timeZone'");
        assertThatThrownBy(() -> goals.setTimeZone("ann", "+02:00"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'timeZone'");
        assertThat(store.ofUser("ann")).isEmpty();
        assertThat(goals.zoneOf("ann")).isNull();
    }

    @Test
    void theTimeZoneIsAnIanaRegion() {
        assertThat(goals.setTimeZone("ann", "Pacific/Auckland")).isEqualTo(ZoneId.of("Pacific/Auckland"));
        assertThat(goals.zoneOf("ann")).isEqualTo(ZoneId.of("Pacific/Auckland"));
        assertThat(goals.list("ann").timeZone()).isEqualTo("Pacific/Auckland");
    }
}
