package dev.lumen.functions.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.health.SystemStatus;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;

/**
 * {@code GET /api/status} (admins): {@code {service, version, stage, status, time, queues:{name: depth},
 * agents:[{agent, lastOutcome, lastRunAt, nextRunAt, successRate, level, eligible}]}}. Always 200: a
 * figure that cannot be read is left out and {@code status} says {@code degraded}.
 */
public final class StatusHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final SystemStatus status;

    public StatusHandler() {
        this(Components.instance().systemStatus());
        Priming.register(this);
    }

    StatusHandler(SystemStatus status) {
        this.status = status;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            return ApiResult.ok(status.report());
        });
    }
}
