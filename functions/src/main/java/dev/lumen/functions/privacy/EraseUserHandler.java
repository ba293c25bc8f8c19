package dev.lumen.functions.privacy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.privacy.UserErasure;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELETE /api/users/{userId}}: erases the user's messages, memories (vectors too), learned
 * state, profile, patterns and usage detail. The user themself or an admin; idempotent, so a
 * client that lost the response simply asks again.
 */
public final class EraseUserHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(EraseUserHandler.class);
    private final UserErasure erasure;

    public EraseUserHandler() {
        this(Components.instance().userErasure());
        Priming.register(this);
    }

    EraseUserHandler(UserErasure erasure) {
        this.erasure = erasure;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.pathParameter(event, "userId");
            Access.caller(event).requireUser(userId);
            UserErasure.Report report = erasure.erase(userId);
            // The audit trail of an erasure names counts, never content.
            LOG.atInfo().addKeyValue("userId", userId).addKeyValue("sessions", report.sessions())
                    .addKeyValue("messages", report.messages()).addKeyValue("learnedRecords", report.learnedRecords())
                    .addKeyValue("usageRecords", report.usageRecords()).log("user erased");
            return ApiResult.ok(report);
        });
    }
}
