package dev.lumen.functions.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.chat.ChatRequest;
import dev.lumen.domain.chat.ChatService;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Primers;
import dev.lumen.functions.priming.Priming;

/** {@code POST /api/chat} with {@code {message, personaId, sessionId?, userId?, locale?}}: the persona's reply. */
public final class ChatHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ChatService chat;

    public ChatHandler() {
        this(Components.instance().chat());
        Priming.register(this, Primers::chat);
    }

    ChatHandler(ChatService chat) {
        this.chat = chat;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            Caller caller = Access.caller(event);
            JsonBody body = JsonBody.of(event).allowOnly("personaId", "sessionId", "userId", "message", "locale");
            return ApiResult.ok(chat.chat(new ChatRequest(body.requiredString("personaId"),
                    body.optionalString("sessionId"), caller.actingUser(body.optionalString("userId")),
                    body.requiredString("message"), body.optionalString("locale"))));
        });
    }
}
