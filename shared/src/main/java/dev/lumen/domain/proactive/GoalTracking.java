package dev.lumen.domain.proactive;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ValidationException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Sets and reads a user's goal progress and time zone, the inputs of the goal rules (deviation,
 * stagnation, milestone) and of local quiet hours. The server, not the client, stamps
 * {@code lastProgressAt}: when a goal is first set and whenever its progress moves, so "no progress
 * for three days" means what it says whatever clients send.
 */
public final class GoalTracking {
    /** Longest goal text kept: a name, not an essay. */
    static final int MAX_GOAL_LENGTH = 200;

    private final GoalStore store;
    private final Clock clock;

    public GoalTracking(GoalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A user's goals and time zone, as {@code GET /api/users/{userId}/goals} shows them. */
    public record Goals(String userId, String timeZone, List<UserGoal> goals) {
    }

    /**
     * Sets one goal.
     *
     * @throws ValidationException naming the field: a bad id, an empty or long goal, progress or expected outside [0, 1]
     */
    public UserGoal set(String userId, String goalId, String goal, double progress, double expected, Instant milestoneDueAt) {
        Ids.require("userId", userId);
        Ids.require("goalId", goalId);
        if (goal == null || goal.isBlank()) {
            throw new ValidationException("missing_field", "'goal' is required");
        }
        if (goal.length() > MAX_GOAL_LENGTH) {
            throw new ValidationException("invalid_goal", "'goal' must be at most " + MAX_GOAL_LENGTH + " characters");
        }
        requireFraction("progress", progress);
        requireFraction("expected", expected);
        Instant now = clock.instant();
        Optional<UserGoal> before = store.find(userId, goalId);
        Instant lastProgressAt = before.filter(g -> g.status().progress() == progress)
                .map(g -> g.status().lastProgressAt()).orElse(now);
        UserGoal next = new UserGoal(goalId, new GoalStatus(goal.strip(), progress, expected, lastProgressAt, milestoneDueAt), now);
        store.put(userId, next);
        return next;
    }

    public Goals list(String userId) {
        Ids.require("userId", userId);
        return new Goals(userId, store.timeZone(userId).map(ZoneId::getId).orElse(null), store.ofUser(userId));
    }

    /**
     * Sets the user's IANA time zone ({@code Europe/Berlin}).
     *
     * @throws ValidationException naming {@code timeZone} when it is missing or not a region id
     */
    public ZoneId setTimeZone(String userId, String timeZone) {
        Ids.require("userId", userId);
        ZoneId zone = parseZone(timeZone);
        store.setTimeZone(userId, zone);
        return zone;
    }

    /** The user's time zone for the evaluation; null when never set (the analysis then uses UTC). */
    public ZoneId zoneOf(String userId) {
        return store.timeZone(userId).orElse(null);
    }

    /** The goal statuses the hourly evaluation reads. */
    public GoalStatuses statuses() {
        return userId -> store.ofUser(userId).stream().map(UserGoal::status).toList();
    }

    /** A region id such as {@code America/New_York} (or {@code UTC}); offsets like {@code +02:00} are refused: they ignore summer time. */
    static ZoneId parseZone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw new ValidationException("missing_field", "'timeZone' is required");
        }
        try {
            ZoneId zone = ZoneId.of(timeZone.strip());
            if (zone instanceof java.time.ZoneOffset && !"Z".equals(zone.getId())) {
                throw new DateTimeException("an offset, not a region");
            }
            return zone;
        } catch (DateTimeException e) {
            throw new ValidationException("invalid_time_zone",
                    "'timeZone' must be an IANA time zone such as Europe/Berlin or UTC");
        }
    }

    private static void requireFraction(String field, double value) {
        if (Double.isNaN(value) || value < 0 || value > 1) {
            throw new ValidationException("out_of_range", "'" + field + "' must be between 0 and 1");
        }
    }
}
