package dev.lumen.functions.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.agent.AgentCycles;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;

/**
 * {@code POST /api/agents/{agent}/cycle} with an optional {@code {"kind":"cycle"|"exam"}} (admins):
 * queues one run on the agent-work queue and answers {@code 202 {runId, agent, kind, status:"QUEUED"}};
 * {@code GET /api/agents/{agent}/runs} shows it once the worker has it.
 */
public final class AgentCycleHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AgentCycles cycles;

    public AgentCycleHandler() {
        this(Components.instance().agentCycles());
        Priming.register(this);
    }

    AgentCycleHandler(AgentCycles cycles) {
        this.cycles = cycles;
    }

    record Queued(String runId, String agent, String kind, String status) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            AgentType agent = AgentViews.agent(event.getPathParameters());
            String body = event.getBody();
            String kind = (body == null || body.isBlank() ? JsonBody.parse("{}") : JsonBody.of(event))
                    .allowOnly("kind").optionalString("kind");
            WorkKind work = kind == null ? WorkKind.CYCLE : AgentViews.constant(WorkKind.class, "kind", kind);
            AgentWork queued = cycles.request(agent, work, Trigger.MANUAL, null);
            return ApiResult.accepted(new Queued(queued.key(), agent.slug(), AgentViews.lower(work), "QUEUED"));
        });
    }
}
