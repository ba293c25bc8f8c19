package dev.lumen.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.lumen.domain.error.DomainException;
import dev.lumen.domain.realtime.RealtimeChat;
import dev.lumen.domain.realtime.RealtimeFrame;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Caller;
import dev.lumen.functions.observability.Invocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one WebSocket event as {@link ApiExchange} runs an HTTP request: the integration response's
 * status is the HTTP status the same error would have, and on a message route the error also goes to
 * the sending connection as {@code {"type":"error","error":{code,message}}}: API Gateway drops a
 * message route's integration response (no route response is configured), so the frame is how the
 * client learns of it. Nothing escapes as an exception; an unexpected one is a 500 with a generic frame.
 */
final class RealtimeExchange {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeExchange.class);
    private static final String PRINCIPAL_ID = "principalId";

    private RealtimeExchange() {
    }

    static APIGatewayV2WebSocketResponse run(APIGatewayV2WebSocketEvent event, Context context, RealtimeChat realtime,
                                             boolean replyWithFrame, Supplier<String> work) {
        // The invocation's context (route, connection's user and tenant) and its metric line; a 5xx is an error.
        return Invocation.run(context, Invocation.Kind.REALTIME, "Realtime", () -> describe(event),
                () -> respond(event, realtime, replyWithFrame, work), response -> response.getStatusCode() >= 500);
    }

    private static void describe(APIGatewayV2WebSocketEvent event) {
        var request = event.getRequestContext();
        if (request == null) {
            return;
        }
        Invocation.put(Invocation.ROUTE, request.getRouteKey());
        Invocation.put(Invocation.API_REQUEST_ID, request.getRequestId());
        if (request.getAuthorizer() != null) {
            Object sub = request.getAuthorizer().get("sub");
            Object creator = request.getAuthorizer().get("custom:creatorId");
            Invocation.put(Invocation.USER_ID, sub == null ? null : String.valueOf(sub));
            Invocation.put(Invocation.TENANT, creator == null ? null : String.valueOf(creator));
        }
    }

    private static APIGatewayV2WebSocketResponse respond(APIGatewayV2WebSocketEvent event, RealtimeChat realtime,
                                                         boolean replyWithFrame, Supplier<String> work) {
        long started = System.nanoTime();
        var request = event.getRequestContext();
        String route = request == null ? null : request.getRouteKey();
        String connectionId = request == null ? null : request.getConnectionId();
        String requestId = Invocation.get(Invocation.REQUEST_ID);
        APIGatewayV2WebSocketResponse response;
        try {
            response = respond(200, work.get());
        } catch (DomainException e) {
            int status = ApiExchange.statusOf(e);
            if (status >= 500) {
                LOG.warn("websocket event failed route={} requestId={} status={} code={}", route, requestId, status, e.code(), e);
            }
            response = respond(status, null);
            if (replyWithFrame) {
                tell(realtime, connectionId, new RealtimeFrame.Error(e.code(), e.getMessage()));
            }
        } catch (RuntimeException e) {
            LOG.error("websocket event failed route={} requestId={} status=500", route, requestId, e);
            response = respond(500, null);
            if (replyWithFrame) {
                tell(realtime, connectionId, new RealtimeFrame.Error("internal_error", "the message could not be processed"));
            }
        }
        LOG.info("websocket route={} requestId={} status={} latencyMs={}", route, requestId,
                response.getStatusCode(), (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    /**
     * The caller, from the context the {@code $connect} authorizer gave the connection (API Gateway
     * repeats it in every event of the connection; locally the runner does).
     */
    static Caller caller(APIGatewayV2WebSocketEvent event) {
        var request = event.getRequestContext();
        Map<String, String> claims = new LinkedHashMap<>();
        if (request != null && request.getAuthorizer() != null) {
            request.getAuthorizer().forEach((name, value) -> {
                if (value != null && !name.equals(PRINCIPAL_ID) && !name.equals("integrationLatency")) {
                    claims.put(name, String.valueOf(value));
                }
            });
        }
        return Access.fromClaims(claims);
    }

    private static void tell(RealtimeChat realtime, String connectionId, RealtimeFrame.Error frame) {
        if (connectionId == null || connectionId.isBlank()) {
            return;
        }
        try {
            realtime.sendTo(connectionId, frame);
        } catch (RuntimeException e) {
            LOG.warn("error frame not delivered code={}", frame.code(), e);
        }
    }

    private static APIGatewayV2WebSocketResponse respond(int status, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        if (body != null) {
            response.setBody(body);
        }
        return response;
    }
}
