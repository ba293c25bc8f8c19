package dev.lumen.functions.health;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.health.DatabaseProbe;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;

/**
 * {@code GET /api/database/health}, open like {@code /api/health} (uptime checks call it without a
 * token; it names no table): {@code {status:"ok", database:"dynamodb", reachable:true,
 * tableStatus:"ACTIVE", latencyMs}}; 503 with {@code status:"unavailable"} and an {@code error} when
 * the table cannot be reached or is not ACTIVE.
 */
public final class DatabaseHealthHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DatabaseProbe probe;

    public DatabaseHealthHandler() {
        this(Components.instance().databaseProbe());
        Priming.register(this);
    }

    DatabaseHealthHandler(DatabaseProbe probe) {
        this.probe = probe;
    }

    record Report(String status, String database, boolean reachable, String tableStatus, long latencyMs, Problem error) {
    }

    record Problem(String code, String message) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            DatabaseProbe.DatabaseHealth health = probe.probe();
            if (health.healthy()) {
                return ApiResult.ok(new Report("ok", health.database(), true, health.tableStatus(), health.latencyMs(), null));
            }
            String message = health.reachable() ? "the table is " + health.tableStatus() : health.problem();
            return new ApiResult(503, new Report("unavailable", health.database(), health.reachable(), health.tableStatus(),
                    health.latencyMs(), new Problem("database_unavailable", message)));
        });
    }
}
