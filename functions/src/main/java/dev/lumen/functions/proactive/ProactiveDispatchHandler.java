package dev.lumen.functions.proactive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lumen.domain.proactive.ProactiveDispatch;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.priming.Priming;

/**
 * Runs on the template's {@code ProactiveDispatchSchedule} (default every 5 minutes): puts the proactive
 * messages whose delivery time has come on the delivery queue. Delivery times lie hours ahead, beyond
 * what an SQS delay can hold, so the outbox's due index is the timer.
 */
public final class ProactiveDispatchHandler implements RequestHandler<ScheduledEvent, ProactiveDispatch.Outcome> {
    private final ProactiveDispatch dispatch;

    public ProactiveDispatchHandler() {
        this(Components.instance().proactiveDispatch());
        Priming.register(this);
    }

    ProactiveDispatchHandler(ProactiveDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public ProactiveDispatch.Outcome handleRequest(ScheduledEvent event, Context context) {
        return Invocation.scheduled(context, "ProactiveDispatch", dispatch::run);
    }
}
