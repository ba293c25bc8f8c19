package dev.lumen.functions.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.health.HealthCheck;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/health}: {@code {status:"ok", checks:{dynamodb:"ok"}}}, or 503 when a check fails. */
public final class HealthHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);
    private final List<HealthCheck> checks;

    record Report(String status, Map<String, String> checks) {
    }

    public HealthHandler() {
        this(Components.instance().healthChecks());
        Priming.register(this);
    }

    HealthHandler(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Map<String, String> results = new LinkedHashMap<>();
            boolean healthy = true;
            for (HealthCheck check : checks) {
                try {
                    check.check();
                    results.put(check.name(), "ok");
                } catch (RuntimeException e) {
                    LOG.warn("health check failed check={}", check.name(), e);
                    results.put(check.name(), "unavailable");
                    healthy = false;
                }
            }
            return new ApiResult(healthy ? 200 : 503, new Report(healthy ? "ok" : "degraded", results));
        });
    }
}
