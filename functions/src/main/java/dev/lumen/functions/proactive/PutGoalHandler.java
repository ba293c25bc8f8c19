package dev.lumen.functions.proactive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.proactive.GoalTracking;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Priming;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code PUT /api/users/{userId}/goals/{goalId}} with {@code {goal, progress, expected, milestoneDueAt?}}
 * (fractions 0..1, an ISO-8601 instant): where the goal stands; the server stamps {@code lastProgressAt}
 * when progress moves. The user themselves or an admin.
 */
public final class PutGoalHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final GoalTracking goals;

    public PutGoalHandler() {
        this(Components.instance().goalTracking());
        Priming.register(this);
    }

    PutGoalHandler(GoalTracking goals) {
        this.goals = goals;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.pathParameter(event, "userId");
            String goalId = ApiExchange.pathParameter(event, "goalId");
            Access.caller(event).requireUser(userId);
            JsonBody body = JsonBody.of(event).allowOnly("goal", "progress", "expected", "milestoneDueAt");
            return ApiResult.ok(goals.set(userId, goalId, body.requiredString("goal"), body.requiredNumber("progress"),
                    body.requiredNumber("expected"), instant(body.optionalString("milestoneDueAt"))));
        });
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException("invalid_milestoneDueAt",
                    "'milestoneDueAt' must be an ISO-8601 instant such as 2026-03-01T09:00:00Z");
        }
    }
}
