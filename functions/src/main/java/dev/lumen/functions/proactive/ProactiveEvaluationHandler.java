package dev.lumen.functions.proactive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lumen.domain.proactive.ProactiveEvaluation;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.priming.Priming;

/**
 * Runs on the template's {@code ProactiveSchedule} (default hourly): evaluates the trigger rules for
 * every user active in the activity feed's window and plans at most one proactive message each.
 */
public final class ProactiveEvaluationHandler implements RequestHandler<ScheduledEvent, ProactiveEvaluationHandler.Result> {
    private final ProactiveEvaluation evaluation;

    public ProactiveEvaluationHandler() {
        this(Components.instance().proactiveEvaluation());
        Priming.register(this);
    }

    ProactiveEvaluationHandler(ProactiveEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    /** What the run did, as the invocation's result. */
    public record Result(int usersEvaluated, int planned, int failed) {
    }

    @Override
    public Result handleRequest(ScheduledEvent event, Context context) {
        return Invocation.scheduled(context, "ProactiveEvaluation", () -> {
            ProactiveEvaluation.Outcome outcome = evaluation.run();
            return new Result(outcome.usersEvaluated(), outcome.planned().size(), outcome.failed());
        });
    }
}
