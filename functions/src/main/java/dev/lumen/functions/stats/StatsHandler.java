package dev.lumen.functions.stats;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.stats.StatsService;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;

/** {@code GET /api/stats}: counts of personas, messages, memories, emotional states, patterns, queue depth, typing users. */
public final class StatsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final StatsService stats;

    public StatsHandler() {
        this(Components.instance().stats());
        Priming.register(this);
    }

    StatsHandler(StatsService stats) {
        this.stats = stats;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            return ApiResult.ok(stats.stats());
        });
    }
}
