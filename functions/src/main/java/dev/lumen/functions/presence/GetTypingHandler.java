package dev.lumen.functions.presence;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.domain.presence.TypingStatus;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.List;

/** {@code GET /api/sessions/{sessionId}/typing}: who is typing in the session right now. */
public final class GetTypingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final TypingService typing;

    public GetTypingHandler() {
        this(Components.instance().typing());
        Priming.register(this);
    }

    GetTypingHandler(TypingService typing) {
        this.typing = typing;
    }

    record Typing(String sessionId, List<TypingStatus> typing) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            String sessionId = ApiExchange.pathParameter(event, "sessionId");
            List<TypingStatus> statuses = typing.typing(sessionId);
            caller.requireOwnSession(statuses.stream().map(TypingStatus::userId).toList());
            return ApiResult.ok(new Typing(sessionId, statuses));
        });
    }
}
