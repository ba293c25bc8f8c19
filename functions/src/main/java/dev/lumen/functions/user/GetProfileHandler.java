package dev.lumen.functions.user;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.learning.ConversationPattern;
import dev.lumen.domain.learning.UserInsights;
import dev.lumen.domain.learning.UserProfile;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.List;

/**
 * {@code GET /api/users/{userId}/profile?personaId=}: the learned profile (goals, preferences,
 * progress, communication style); with {@code personaId}, also the user's conversation patterns
 * with that persona, most frequent first.
 */
public final class GetProfileHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UserInsights insights;

    public GetProfileHandler() {
        this(Components.instance().insights());
        Priming.register(this);
    }

    GetProfileHandler(UserInsights insights) {
        this.insights = insights;
    }

    /** The profile, and the patterns when a persona was named (omitted from the JSON otherwise). */
    record ProfileView(UserProfile profile, List<ConversationPattern> patterns) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.pathParameter(event, "userId");
            Access.caller(event).requireUser(userId);
            String personaId = ApiExchange.queryParameter(event, "personaId");
            UserProfile profile = insights.profile(userId);
            return ApiResult.ok(new ProfileView(profile, personaId == null ? null : insights.patterns(personaId, userId)));
        });
    }
}
