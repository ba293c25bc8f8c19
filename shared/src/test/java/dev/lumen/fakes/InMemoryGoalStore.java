package dev.lumen.fakes;

import dev.lumen.domain.proactive.GoalStore;
import dev.lumen.domain.proactive.UserGoal;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link GoalStore}; same contract as the real adapters. */
public final class InMemoryGoalStore implements GoalStore {
    private final Map<String, TreeMap<String, UserGoal>> goals = new HashMap<>();
    private final Map<String, ZoneId> zones = new HashMap<>();

    @Override
    public synchronized Optional<UserGoal> find(String userId, String goalId) {
        return Optional.ofNullable(goals.getOrDefault(userId, new TreeMap<>()).get(goalId));
    }

    @Override
    public synchronized void put(String userId, UserGoal goal) {
        goals.computeIfAbsent(userId, u -> new TreeMap<>()).put(goal.goalId(), goal);
    }

    @Override
    public synchronized List<UserGoal> ofUser(String userId) {
        return List.copyOf(goals.getOrDefault(userId, new TreeMap<>()).values());
    }

    @Override
    public synchronized Optional<ZoneId> timeZone(String userId) {
        return Optional.ofNullable(zones.get(userId));
    }

    @Override
    public synchronized void setTimeZone(String userId, ZoneId zone) {
        zones.put(userId, zone);
    }

    @Override
    public synchronized int eraseUser(String userId) {
        TreeMap<String, UserGoal> removed = goals.remove(userId);
        return (removed == null ? 0 : removed.size()) + (zones.remove(userId) == null ? 0 : 1);
    }
}
