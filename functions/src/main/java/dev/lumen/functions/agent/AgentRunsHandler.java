package dev.lumen.functions.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.agent.AgentCycles;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.List;

/** {@code GET /api/agents/{agent}/runs?limit=} (admins): the agent's runs, newest first (limit 1..100, default 20). */
public final class AgentRunsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final AgentCycles cycles;

    public AgentRunsHandler() {
        this(Components.instance().agentCycles());
        Priming.register(this);
    }

    AgentRunsHandler(AgentCycles cycles) {
        this.cycles = cycles;
    }

    record Listed(String agent, List<AgentViews.RunView> runs) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            AgentType agent = AgentViews.agent(event.getPathParameters());
            int limit = ApiExchange.intQueryParameter(event, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
            return ApiResult.ok(new Listed(agent.slug(), cycles.runs(agent, limit).stream().map(AgentViews::run).toList()));
        });
    }
}
