package dev.lumen.functions.user;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.learning.UserInsights;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;

/** {@code GET /api/users/{userId}/emotional-state}: the current state and the recent ones, newest first. */
public final class GetEmotionalStateHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserInsights insights;

    public GetEmotionalStateHandler() {
        this(Components.instance().insights());
        Priming.register(this);
    }

    GetEmotionalStateHandler(UserInsights insights) {
        this.insights = insights;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.pathParameter(event, "userId");
            Access.caller(event).requireUser(userId);
            return ApiResult.ok(insights.emotionalState(userId));
        });
    }
}
