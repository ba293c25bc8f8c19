package dev.lumen.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.lumen.domain.chat.ChatRequest;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.realtime.RealtimeChat;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.http.JsonBody;
import dev.lumen.functions.priming.Primers;
import dev.lumen.functions.priming.Priming;

/**
 * Every route of the WebSocket API, by {@code requestContext.routeKey}: {@code $connect} registers the
 * connection for the authorizer's user, {@code $disconnect} forgets it, {@code sendMessage}
 * ({@code {action, personaId, sessionId?, message, locale?}}) chats as {@code POST /api/chat} does and
 * pushes typing, reply, typing off to all the user's connections, {@code typing}
 * ({@code {action, sessionId, typing}}) sets the user's typing indicator, and {@code $default} (no or
 * an unknown action, or a body that is not JSON) answers with an error frame. One function for all
 * routes: each is a few lines, and the chat graph is only built on the first message.
 */
public final class RealtimeHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    static final String CONNECT = "$connect";
    static final String DISCONNECT = "$disconnect";
    static final String SEND_MESSAGE = "sendMessage";
    static final String TYPING = "typing";

    private final RealtimeChat realtime;

    public RealtimeHandler() {
        this(Components.instance().realtimeChat());
        Priming.register(this, Primers::chat);
    }

    RealtimeHandler(RealtimeChat realtime) {
        this.realtime = realtime;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String route = event.getRequestContext() == null ? "" : String.valueOf(event.getRequestContext().getRouteKey());
        String connectionId = event.getRequestContext() == null ? null : event.getRequestContext().getConnectionId();
        boolean isMessage = !route.equals(CONNECT) && !route.equals(DISCONNECT);
        return RealtimeExchange.run(event, context, realtime, isMessage, () -> switch (route) {
            case CONNECT -> {
                realtime.connect(connectionId, RealtimeExchange.caller(event).userId());
                yield "{\"type\":\"connected\"}";
            }
            case DISCONNECT -> {
                realtime.disconnect(connectionId);
                yield null;
            }
            case SEND_MESSAGE -> {
                Caller caller = Access.admit(RealtimeExchange.caller(event));
                JsonBody body = JsonBody.parse(bodyOf(event)).allowOnly("action", "personaId", "sessionId", "message", "locale");
                realtime.send(connectionId, new ChatRequest(body.requiredString("personaId"), body.optionalString("sessionId"),
                        caller.userId(), body.requiredString("message"), body.optionalString("locale")));
                yield null;
            }
            case TYPING -> {
                Caller caller = Access.admit(RealtimeExchange.caller(event));
                JsonBody body = JsonBody.parse(bodyOf(event)).allowOnly("action", "sessionId", "typing");
                realtime.typing(body.requiredString("sessionId"), caller.userId(), body.requiredBoolean("typing"));
                yield null;
            }
            default -> throw unknownAction(event);
        });
    }

    /** Why {@code $default} got the message: not JSON, no action, or an action no route has. */
    private static ValidationException unknownAction(APIGatewayV2WebSocketEvent event) {
        JsonBody body = JsonBody.parse(bodyOf(event));
        String action = body.optionalString("action");
        if (action == null) {
            return new ValidationException("missing_field", "'action' is required: sendMessage or typing");
        }
        return new ValidationException("unknown_action", "'action' must be sendMessage or typing");
    }

    private static String bodyOf(APIGatewayV2WebSocketEvent event) {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            throw new ValidationException("missing_body", "the message needs a JSON body");
        }
        return event.isIsBase64Encoded()
                ? new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8) : body;
    }
}
