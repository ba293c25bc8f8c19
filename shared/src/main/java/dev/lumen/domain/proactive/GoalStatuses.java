package dev.lumen.domain.proactive;

import java.util.List;

/**
 * Port: where each of a user's goals stands. Nothing persists goal progress yet (the profile keeps
 * goals as text), so {@link #NONE} is the default and the goal rules stay silent until a store exists.
 */
@FunctionalInterface
public interface GoalStatuses {
    GoalStatuses NONE = userId -> List.of();

    List<GoalStatus> of(String userId);
}
