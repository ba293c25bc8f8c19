package dev.lumen.functions.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.agent.AgentCycles;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.List;

/**
 * {@code GET /api/agents/status} (admins): each agent's last run and outcome, next scheduled run,
 * success rate over its last 20 finished runs, custody level, XP and eligibility.
 */
public final class AgentStatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AgentCycles cycles;

    public AgentStatusHandler() {
        this(Components.instance().agentCycles());
        Priming.register(this);
    }

    AgentStatusHandler(AgentCycles cycles) {
        this.cycles = cycles;
    }

    record Listed(List<AgentViews.StatusView> agents) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            return ApiResult.ok(new Listed(cycles.status().stream().map(AgentViews::status).toList()));
        });
    }
}
