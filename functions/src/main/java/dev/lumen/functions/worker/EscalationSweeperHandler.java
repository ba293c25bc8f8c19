package dev.lumen.functions.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lumen.domain.escalation.Escalations;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.priming.Priming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on a schedule: publishes to the escalations queue the open escalations that chat stored but
 * could not publish (the queue was down), so no crisis hand-off waits on a retry that never comes.
 */
public final class EscalationSweeperHandler implements RequestHandler<ScheduledEvent, Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationSweeperHandler.class);
    static final int BATCH = 100;

    private final Escalations escalations;

    public EscalationSweeperHandler() {
        this(Components.instance().escalations());
        Priming.register(this);
    }

    EscalationSweeperHandler(Escalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        return Invocation.scheduled(context, "EscalationSweeper", () -> {
            int published = escalations.republishUnnotified(BATCH);
            if (published > 0) {
                LOG.warn("escalations published late published={}", published);
            }
            return published;
        });
    }
}
