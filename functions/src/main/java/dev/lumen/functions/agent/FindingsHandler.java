package dev.lumen.functions.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.agent.AgentCycles;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/agents/{agent}/findings?kind=&since=&limit=} (admins): what the agent found, newest
 * first; {@code kind} one of insight, knowledge_transfer, security, experiment, recommendation;
 * {@code since} an ISO-8601 instant; limit 1..200, default 50.
 */
public final class FindingsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final AgentCycles cycles;

    public FindingsHandler() {
        this(Components.instance().agentCycles());
        Priming.register(this);
    }

    FindingsHandler(AgentCycles cycles) {
        this.cycles = cycles;
    }

    record Listed(String agent, List<AgentViews.FindingView> findings) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            AgentType agent = AgentViews.agent(event.getPathParameters());
            String kindText = ApiExchange.queryParameter(event, "kind");
            FindingKind kind = kindText == null || kindText.isBlank() ? null
                    : AgentViews.constant(FindingKind.class, "kind", kindText);
            Instant since = since(ApiExchange.queryParameter(event, "since"));
            int limit = ApiExchange.intQueryParameter(event, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
            return ApiResult.ok(new Listed(agent.slug(),
                    cycles.findings(agent, kind, since, limit).stream().map(AgentViews::finding).toList()));
        });
    }

    private static Instant since(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException("invalid_since", "'since' must be an ISO-8601 instant, e.g. 2026-12-07T09:30:00Z");
        }
    }
}
