package dev.lumen.functions.proactive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.proactive.GoalTracking;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;

/** {@code GET /api/users/{userId}/goals}: the user's goal statuses and time zone (self or admin). */
public final class ListGoalsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final GoalTracking goals;

    public ListGoalsHandler() {
        this(Components.instance().goalTracking());
        Priming.register(this);
    }

    ListGoalsHandler(GoalTracking goals) {
        this.goals = goals;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.pathParameter(event, "userId");
            Access.caller(event).requireUser(userId);
            return ApiResult.ok(goals.list(userId));
        });
    }
}
