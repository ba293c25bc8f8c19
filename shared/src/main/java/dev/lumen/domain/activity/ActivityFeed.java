package dev.lumen.domain.activity;

import java.time.Instant;
import java.util.List;

/**
 * Port: a time-ordered log of what happened, kept for a few days, so that agents can study a
 * window ("since my last cycle") without scanning every store.
 */
public interface ActivityFeed {

    /** Adds the entry; the same id recorded again changes nothing. */
    void record(Activity activity);

    /** Entries with {@code from <= at < to}, oldest first, at most {@code limit}. */
    List<Activity> between(Instant from, Instant to, int limit);
}
