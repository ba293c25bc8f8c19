package dev.lumen.functions.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.usage.UsageReport;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.priming.Priming;

/**
 * {@code GET /api/usage?userId=|creatorId=|agent=&from=&to=}: model usage and cost per UTC day, with
 * totals and a per-persona breakdown (dates {@code YYYY-MM-DD}, default the last 30 days, at most 366).
 * {@code agent} (admins only) is an agent's own spending: its cycles' and examinations' model calls.
 */
public final class UsageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UsageReport usage;

    public UsageHandler() {
        this(Components.instance().usageReport());
        Priming.register(this);
    }

    UsageHandler(UsageReport usage) {
        this.usage = usage;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.queryParameter(event, "userId");
            String creatorId = ApiExchange.queryParameter(event, "creatorId");
            String agent = ApiExchange.queryParameter(event, "agent");
            Caller caller = Access.caller(event);
            if (agent != null) {
                // What the agents spend is the platform's cost, not any user's or creator's.
                caller.requireAdmin();
                agent = AgentType.parse("agent", agent).slug();
            } else {
                caller.requireUsageOf(userId, creatorId);
            }
            return ApiResult.ok(usage.report(userId, creatorId, agent,
                    ApiExchange.queryParameter(event, "from"), ApiExchange.queryParameter(event, "to")));
        });
    }
}
