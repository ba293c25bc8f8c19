package dev.lumen.functions.presence;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;

/**
 * {@code PUT /api/sessions/{sessionId}/typing} with {@code {userId, typing}}: sets or clears a
 * user's typing indicator; it lapses after {@link TypingService#TTL} unless sent again.
 */
public final class PutTypingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final TypingService typing;

    public PutTypingHandler() {
        this(Components.instance().typing());
        Priming.register(this);
    }

    PutTypingHandler(TypingService typing) {
        this.typing = typing;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            String sessionId = ApiExchange.pathParameter(event, "sessionId");
            JsonBody body = JsonBody.of(event).allowOnly("userId", "typing");
            String userId = dev.lumen.domain.Ids.require("userId", body.requiredString("userId"));
            caller.requireUser(userId);
            return ApiResult.ok(typing.set(sessionId, userId, body.requiredBoolean("typing")));
        });
    }
}
