package dev.lumen.domain.proactive;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Port: what a user tells proactive engagement about themselves — where each goal stands and their
 * time zone (quiet hours and the usual hour of day are local times). Kept together because they are
 * read together by the hourly evaluation and erased together with the user.
 */
public interface GoalStore {

    /** The goal, or empty when the user has none with this id. */
    Optional<UserGoal> find(String userId, String goalId);

    /** Writes the goal, replacing one with the same id. */
    void put(String userId, UserGoal goal);

    /** The user's goals, ordered by goal id. */
    List<UserGoal> ofUser(String userId);

    /** The user's time zone; empty when never set. */
    Optional<ZoneId> timeZone(String userId);

    void setTimeZone(String userId, ZoneId zone);

    /** Removes the user's goals and time zone (the right to erasure) and says how many records went. */
    int eraseUser(String userId);
}
