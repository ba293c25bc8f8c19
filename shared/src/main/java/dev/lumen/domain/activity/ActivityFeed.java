package dev.lumen.domain.activity;

import java.time.Instant;
import java.util.List;

/**
 * Port: a time-ordered log of what happened, kept for a few days, so that agents can study a
 * window ("since my last cycle") without scanning every store.
 */
public interface ActivityFeed {

    /**
     * How far back one {@link #between} reads at most: the feed keeps a few days, and a window
     * longer than this (an agent that has not run for a week) is read from its last part.
     */
    java.time.Duration MAX_WINDOW = java.time.Duration.ofDays(7);

    /**
     * Adds the entry; the same id recorded again changes nothing. Recorders give an event the same
     * id and time on every delivery (a chat turn: its interaction id and time), which is what makes
     * redelivery harmless.
     */
    void record(Activity activity);

    /**
     * Replaces an entry that stands for a changing fact (a message's rating): {@code previous} (as it
     * was recorded, same id and time) goes, {@code next} is recorded, so readers see one entry per
     * fact. A null {@code previous} is a plain {@link #record}.
     */
    void replace(Activity previous, Activity next);

    /**
     * Entries with {@code from <= at < to}, oldest first, at most {@code limit}; {@code from} is
     * moved up to {@code to - }{@link #MAX_WINDOW} when it is earlier.
     */
    List<Activity> between(Instant from, Instant to, int limit);

    /**
     * Removes every entry of the user (the right to erasure: an entry names the user and the
     * session) and says how many went. Erasing again finds nothing.
     */
    int eraseUser(String userId);
}
