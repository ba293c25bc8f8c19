package dev.lumen.functions.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.SessionHistory;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;
import java.util.List;

/** {@code GET /api/sessions/{sessionId}/messages?personaId=&limit=}: the session's messages, newest last. */
public final class ListMessagesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int DEFAULT_LIMIT = 100;
    private final SessionHistory history;

    public ListMessagesHandler() {
        this(Components.instance().sessionHistory());
        Priming.register(this);
    }

    record SessionMessages(String personaId, String sessionId, List<MessageView> messages) {
    }

    ListMessagesHandler(SessionHistory history) {
        this.history = history;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            String sessionId = ApiExchange.pathParameter(event, "sessionId");
            String personaId = Ids.require("personaId", ApiExchange.queryParameter(event, "personaId"));
            int limit = ApiExchange.intQueryParameter(event, "limit", DEFAULT_LIMIT, 1, 500);
            var stored = history.messages(personaId, sessionId, limit);
            caller.requireOwnSession(stored.stream().map(dev.lumen.domain.chat.Message::userId).toList());
            var messages = stored.stream().map(MessageView::of).toList();
            return ApiResult.ok(new SessionMessages(personaId, sessionId, messages));
        });
    }
}
