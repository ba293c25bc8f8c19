package dev.lumen.functions.escalation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationStatus;
import dev.lumen.domain.escalation.Escalations;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.List;

/** {@code GET /api/escalations?status=open|resolved&limit=}: crisis hand-offs, newest first (limit 1..100, default 50). */
public final class ListEscalationsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 50;

    private final Escalations escalations;

    public ListEscalationsHandler() {
        this(Components.instance().escalations());
        Priming.register(this);
    }

    ListEscalationsHandler(Escalations escalations) {
        this.escalations = escalations;
    }

    record Listed(String status, List<Escalation> escalations) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Access.caller(event).requireAdmin();
            EscalationStatus status = EscalationStatus.parse(ApiExchange.queryParameter(event, "status"));
            int limit = ApiExchange.intQueryParameter(event, "limit", DEFAULT_LIMIT, 1, Escalations.MAX_LIST);
            return ApiResult.ok(new Listed(status.name().toLowerCase(java.util.Locale.ROOT),
                    escalations.list(status, limit)));
        });
    }
}
