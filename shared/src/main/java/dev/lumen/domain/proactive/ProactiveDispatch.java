package dev.lumen.domain.proactive;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher (every few minutes): puts the messages whose delivery time has come on the delivery
 * queue. A message may be due hours after it was planned, longer than a queue can delay it (SQS: 15
 * minutes), so the outbox keeps the time line and this moves what is due.
 *
 * <p>Enqueue first, then {@link ProactiveOutbox#markQueued}: a crash between the two enqueues the
 * message again on the next run, never loses it. A second copy is harmless — the worker settles a
 * message once (conditional PLANNED → SENT) and skips a settled one, and receivers dedupe by message id.
 */
public final class ProactiveDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(ProactiveDispatch.class);
    /** Messages moved per run; the rest wait for the next run (a few minutes). */
    public static final int BATCH = 200;

    private final ProactiveOutbox outbox;
    private final DeliveryQueue queue;
    private final Clock clock;

    public ProactiveDispatch(ProactiveOutbox outbox, DeliveryQueue queue, Clock clock) {
        this.outbox = outbox;
        this.queue = queue;
        this.clock = clock;
    }

    /** What one run did. */
    public record Outcome(int queued, int failed) {
    }

    public Outcome run() {
        int queued = 0;
        int failed = 0;
        for (ProactiveMessage message : outbox.due(clock.instant(), BATCH)) {
            try {
                queue.enqueue(message.userId(), message.id());
                if (outbox.markQueued(message.userId(), message.id())) {
                    queued++;
                }
            } catch (RuntimeException e) {
                // Still due: the next run tries it again.
                failed++;
                LOG.atWarn().setCause(e).addKeyValue("messageId", message.id()).log("proactive message not queued");
            }
        }
        LOG.atInfo().addKeyValue("queued", queued).addKeyValue("failed", failed).log("proactive dispatch done");
        return new Outcome(queued, failed);
    }
}
