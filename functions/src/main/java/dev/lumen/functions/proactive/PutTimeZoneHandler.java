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
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;
import java.util.Map;

/**
 * {@code PUT /api/users/{userId}/time-zone} with {@code {"timeZone": "Europe/Berlin"}}: the IANA zone
 * quiet hours and the usual hour are read in (UTC until set). 400 naming {@code timeZone} otherwise.
 */
public final class PutTimeZoneHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final GoalTracking goals;

    public PutTimeZoneHandler() {
        this(Components.instance().goalTracking());
        Priming.register(this);
    }

    PutTimeZoneHandler(GoalTracking goals) {
        this.goals = goals;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.pathParameter(event, "userId");
            Access.caller(event).requireUser(userId);
            JsonBody body = JsonBody.of(event).allowOnly("timeZone");
            return ApiResult.ok(Map.of("userId", userId,
                    "timeZone", goals.setTimeZone(userId, body.optionalString("timeZone")).getId()));
        });
    }
}
