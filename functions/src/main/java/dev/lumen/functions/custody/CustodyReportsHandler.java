package dev.lumen.functions.custody;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.custody.Custody;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.List;
import java.util.Optional;

/**
 * The custody reports, one read-only function for the four (admins only):
 * {@code GET /api/custody} (each agent's level, XP, tier, eligibility and last run),
 * {@code GET /api/custody/analytics?agent=&limit=} (trends per agent and category over the last
 * {@code limit} runs, 1..100, default 20), {@code GET /api/custody/test-categories} (the bank) and
 * {@code GET /api/custody/recommendations?agent=} (what each agent should improve).
 */
public final class CustodyReportsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_RUNS = 20;

    private final Custody custody;

    public CustodyReportsHandler() {
        this(Components.instance().custody());
        Priming.register(this);
    }

    CustodyReportsHandler(Custody custody) {
        this.custody = custody;
    }

    record Overview(List<Custody.AgentOverview> agents) {
    }

    record Analytics(int limit, List<Custody.AgentTrends> agents) {
    }

    record Categories(List<Custody.CategoryInfo> categories) {
    }

    record Recommendations(List<Custody.Recommendation> agents) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            String path = event.getRawPath() == null ? "" : event.getRawPath();
            if (path.endsWith("/analytics")) {
                Optional<AgentType> agent = agent(event);
                int limit = ApiExchange.intQueryParameter(event, "limit", DEFAULT_RUNS, 1, Custody.MAX_ANALYTICS_RUNS);
                return ApiResult.ok(new Analytics(limit, custody.analytics(agent, limit)));
            }
            if (path.endsWith("/test-categories")) {
                return ApiResult.ok(new Categories(custody.testCategories()));
            }
            if (path.endsWith("/recommendations")) {
                return ApiResult.ok(new Recommendations(custody.recommendations(agent(event))));
            }
            return ApiResult.ok(new Overview(custody.overview()));
        });
    }

    private static Optional<AgentType> agent(APIGatewayV2HTTPEvent event) {
        String agent = ApiExchange.queryParameter(event, "agent");
        return agent == null ? Optional.empty() : Optional.of(AgentType.parse("agent", agent));
    }
}
