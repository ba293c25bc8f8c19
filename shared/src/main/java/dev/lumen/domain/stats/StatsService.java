package dev.lumen.domain.stats;

import java.time.Clock;

/** {@code GET /api/stats}: the state store's counters and the interactions queue's depth. */
public final class StatsService {
    private final StatsRepository counters;
    private final QueueDepth queue;
    private final Clock clock;

    public StatsService(StatsRepository counters, QueueDepth queue, Clock clock) {
        this.counters = counters;
        this.queue = queue;
        this.clock = clock;
    }

    public Stats stats() {
        Counts counts = counters.counts(clock.instant());
        long depth;
        try {
            depth = queue.approximateMessages();
        } catch (RuntimeException e) {
            // Statistics stay useful without the queue's figure; -1 says it is unknown.
            depth = -1;
        }
        return new Stats(counts.personas(), counts.messages(), counts.memories(), counts.emotionalStates(),
                counts.patterns(), depth, counts.typingUsers());
    }
}
