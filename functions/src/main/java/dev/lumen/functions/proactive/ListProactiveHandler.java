package dev.lumen.functions.proactive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.proactive.ProactiveMessage;
import dev.lumen.domain.proactive.ProactiveOutbox;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/users/{userId}/proactive?limit=}: the user's proactive messages with their state
 * (PLANNED, SENT, FAILED), newest first, at most {@code limit} (default 20, at most 100). Self or admin.
 */
public final class ListProactiveHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final ProactiveOutbox outbox;

    public ListProactiveHandler() {
        this(Components.instance().proactiveOutbox());
        Priming.register(this);
    }

    ListProactiveHandler(ProactiveOutbox outbox) {
        this.outbox = outbox;
    }

    /** One message as the API shows it. */
    record View(String messageId, String personaId, String trigger, Map<String, String> evidence, String text,
                Instant plannedAt, Instant deliverAt, String channel, String state, Instant settledAt, String failure) {
        static View of(ProactiveMessage m) {
            return new View(m.id(), m.personaId(), m.trigger().type().name(), m.trigger().evidence(), m.text(),
                    m.plannedAt(), m.deliverAt(), m.channel().name(), m.state().name(), m.settledAt(), m.failure());
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            String userId = ApiExchange.pathParameter(event, "userId");
            Access.caller(event).requireUser(userId);
            int limit = ApiExchange.intQueryParameter(event, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
            List<View> messages = outbox.latest(userId, limit).stream().map(View::of).toList();
            return ApiResult.ok(Map.of("userId", userId, "messages", messages));
        });
    }
}
