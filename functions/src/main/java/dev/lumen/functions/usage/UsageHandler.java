package dev.lumen.functions.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.usage.UsageReport;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;

/**
 * {@code GET /api/usage?userId=|creatorId=&from=&to=}: model usage and cost per UTC day, with
 * totals and a per-persona breakdown (dates {@code YYYY-MM-DD}, default the last 30 days, at most 366).
 */
public final class UsageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final UsageReport usage;

    public UsageHandler() {
        this(Components.instance().usageReport());
    }

    UsageHandler(UsageReport usage) {
        this.usage = usage;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.queryParameter(event, "userId");
            String creatorId = ApiExchange.queryParameter(event, "creatorId");
            Access.caller(event).requireUsageOf(userId, creatorId);
            return ApiResult.ok(usage.report(userId, creatorId,
                    ApiExchange.queryParameter(event, "from"), ApiExchange.queryParameter(event, "to")));
        });
    }
}
