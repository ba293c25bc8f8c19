package dev.lumen.fakes;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ActivityFeed} in a map keyed by id; the same window rules as the DynamoDB adapter. */
public final class InMemoryActivityFeed implements ActivityFeed {
    private static final Comparator<Activity> OLDEST_FIRST = Comparator.comparing(Activity::at).thenComparing(Activity::id);

    private final Map<String, Activity> entries = new LinkedHashMap<>();

    @Override
    public synchronized void record(Activity activity) {
        entries.putIfAbsent(activity.id(), activity);
    }

    @Override
    public synchronized void replace(Activity previous, Activity next) {
        if (previous != null) {
            entries.remove(previous.id());
        }
        entries.put(next.id(), next);
    }

    @Override
    public synchronized List<Activity> between(Instant from, Instant to, int limit) {
        Instant start = from.isBefore(to.minus(MAX_WINDOW)) ? to.minus(MAX_WINDOW) : from;
        return entries.values().stream().filter(a -> !a.at().isBefore(start) && a.at().isBefore(to))
                .sorted(OLDEST_FIRST).limit(Math.max(0, limit)).toList();
    }

    @Override
    public synchronized int eraseUser(String userId) {
        int before = entries.size();
        entries.values().removeIf(a -> userId.equals(a.userId()));
        return before - entries.size();
    }

    /** Every entry, oldest first (for assertions). */
    public synchronized List<Activity> all() {
        return entries.values().stream().sorted(OLDEST_FIRST).toList();
    }
}
