package dev.lumen.functions.escalation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.escalation.Escalations;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;

/**
 * {@code POST /api/escalations/{escalationId}/resolve} with {@code {resolvedBy?, note?}} (the body may
 * be empty): the escalation, resolved. 404 for an unknown id, 409 when it was already resolved.
 */
public final class ResolveEscalationHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Escalations escalations;

    public ResolveEscalationHandler() {
        this(Components.instance().escalations());
        Priming.register(this);
    }

    ResolveEscalationHandler(Escalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            String escalationId = ApiExchange.pathParameter(event, "escalationId");
            String body = event.getBody();
            JsonBody fields = (body == null || body.isBlank() ? JsonBody.parse("{}") : JsonBody.of(event)).allowOnly("resolvedBy", "note");
            return ApiResult.ok(escalations.resolve(escalationId, fields.optionalString("resolvedBy"),
                    fields.optionalString("note")));
        });
    }
}
