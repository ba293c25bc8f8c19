package dev.lumen.domain.proactive;

import java.time.Instant;
import java.util.Objects;

/**
 * One goal of a user as stored for proactive engagement: its id (chosen by the client, stable across
 * updates), where it stands, and when it was last set.
 */
public record UserGoal(String goalId, GoalStatus status, Instant updatedAt) {

    public UserGoal {
        Objects.requireNonNull(goalId, "goalId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
