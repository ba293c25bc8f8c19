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
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;

/**
 * {@code PUT /api/users/{userId}/emotional-state} with {@code {level, state, triggers?}}: sets the
 * state explicitly (e.g. from a mood check-in); the previous one moves to the history.
 */
public final class PutEmotionalStateHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserInsights insights;

    public PutEmotionalStateHandler() {
        this(Components.instance().insights());
        Priming.register(this);
    }

    PutEmotionalStateHandler(UserInsights insights) {
        this.insights = insights;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.pathParameter(event, "userId");
            Access.caller(event).requireUser(userId);
            JsonBody body = JsonBody.of(event).allowOnly("level", "state", "triggers");
            return ApiResult.ok(insights.setEmotionalState(userId, body.requiredNumber("level"),
                    body.requiredString("state"), body.optionalStrings("triggers")));
        });
    }
}
