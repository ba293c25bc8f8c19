package dev.lumen.functions.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lumen.domain.memory.InteractionSweeper;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.priming.Priming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every minute (an EventBridge schedule): publishes again the interactions that were stored
 * with their turn but not processed in time, and parks the ones that keep failing.
 */
public final class InteractionSweeperHandler implements RequestHandler<ScheduledEvent, InteractionSweeper.Result> {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionSweeperHandler.class);

    private final InteractionSweeper sweeper;

    public InteractionSweeperHandler() {
        this(Components.instance().sweeper());
        Priming.register(this);
    }

    InteractionSweeperHandler(InteractionSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public InteractionSweeper.Result handleRequest(ScheduledEvent event, Context context) {
        return Invocation.scheduled(context, "InteractionSweeper", () -> {
            InteractionSweeper.Result result = sweeper.sweep();
            if (result.parked() > 0) {
                LOG.error("pending interactions parked after {} publishes: see the dead-letter queue parked={}",
                        InteractionSweeper.MAX_ATTEMPTS, result.parked());
            }
            if (result.published() + result.failed() > 0) {
                LOG.warn("pending interactions published again published={} failed={}", result.published(), result.failed());
            }
            return result;
        });
    }
}
