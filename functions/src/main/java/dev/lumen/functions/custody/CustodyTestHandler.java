package dev.lumen.functions.custody;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.Ids;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.AgentWorkPublisher;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;
import java.time.Instant;

/**
 * {@code POST /api/custody/test/{agentType}} (admins): queues a custody examination of the agent on
 * the agent-work queue and answers {@code 202 {runId, agent, status:"QUEUED"}} at once — an
 * examination is dozens of model calls, longer than an API request may take. The worker records
 * the run under {@code runId}; {@code GET /api/custody} shows it once done.
 */
public final class CustodyTestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final AgentWorkPublisher publisher;

    public CustodyTestHandler() {
        this(Components.instance().agentWorkPublisher());
        Priming.register(this);
    }

    CustodyTestHandler(AgentWorkPublisher publisher) {
        this.publisher = publisher;
    }

    record Queued(String runId, String agent, String status) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            String body = event.getBody();
            if (body != null && !body.isBlank()) {
                // Nothing to send; a body that is there must still be an empty object, not junk.
                JsonBody.of(event).allowOnly();
            }
            AgentType agent = AgentType.parse("agentType",
                    event.getPathParameters() == null ? null : event.getPathParameters().get("agentType"));
            AgentWork work = new AgentWork(agent, WorkKind.EXAM, "manual-" + Ids.random(), Trigger.MANUAL, Instant.now());
            publisher.publish(work);
            return ApiResult.accepted(new Queued(work.key(), agent.slug(), "QUEUED"));
        });
    }
}
