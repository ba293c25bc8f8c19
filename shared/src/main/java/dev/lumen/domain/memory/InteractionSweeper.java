package dev.lumen.domain.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Publishes again the interactions that were stored with their turn but never processed: the chat
 * function crashed between storing and publishing, the queue refused the message, or the worker
 * has not caught up. The worker is idempotent, so publishing one that is merely slow is harmless.
 */
public final class InteractionSweeper {
    /** How long chat's own publish and the worker get before the sweeper steps in. */
    public static final Duration GRACE = Duration.ofMinutes(2);
    /** Publishes after which an interaction is left to the dead-letter queue and an operator. */
    public static final int MAX_ATTEMPTS = 5;
    static final int BATCH = 100;

    private final PendingInteractions pending;
    private final InteractionPublisher publisher;
    private final Clock clock;

    public InteractionSweeper(PendingInteractions pending, InteractionPublisher publisher, Clock clock) {
        this.pending = pending;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** What one sweep did. */
    public record Result(int published, int failed, int parked) {
    }

    public Result sweep() {
        Instant now = clock.instant();
        int published = 0;
        int failed = 0;
        int parked = 0;
        List<PendingInteraction> due = pending.due(now, BATCH);
        for (PendingInteraction item : due) {
            String id = item.interaction().interactionId();
            if (item.attempts() >= MAX_ATTEMPTS) {
                pending.parked(id);
                parked++;
                continue;
            }
            try {
                publisher.publish(item.interaction());
                published++;
            } catch (RuntimeException e) {
                // The publisher logged why; the interaction stays due and is tried on the next sweep.
                failed++;
                continue;
            }
            // Doubling back-off: a worker that keeps failing is not flooded with copies.
            pending.rescheduled(id, now.plus(GRACE.multipliedBy(1L << Math.min(item.attempts() + 1, 10))));
        }
        return new Result(published, failed, parked);
    }
}
