package dev.lumen.local.ws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.local.http.Authenticator;
import dev.lumen.local.lambda.LocalFunction;
import dev.lumen.local.lambda.LocalFunctions;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for API Gateway's WebSocket API: turns a handshake, each text frame and each
 * close into the event API Gateway sends ({@code requestContext.routeKey}, {@code connectionId},
 * {@code eventType}, the authorizer's context), chooses the route as the template's
 * {@code $request.body.<field>} says and invokes that route's function; and it holds the open
 * connections, which {@link ConnectionsEndpoint} (the management API's copy) pushes to and closes.
 *
 * <p>Authentication: {@code $connect} with an authorizer is checked with the runner's
 * {@link Authenticator} on the {@code token} query parameter (the JWT authorizer's stand-in for
 * HTTP, so {@code LUMEN_AUTH=off} lets everyone in as the dev user); its claims go into every event
 * of the connection, as API Gateway repeats a Lambda authorizer's context.
 */
public final class LocalWebSocketApi {
    private static final Logger LOG = LoggerFactory.getLogger(LocalWebSocketApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** An open connection: how to send to it and close it, and what its events carry. */
    public interface Peer {
        void send(String text) throws IOException;

        void close() throws IOException;
    }

    /** What {@code $connect} decided: the connection's id and claims, or the status refusing the handshake. */
    public sealed interface Handshake {
    }

    public record Accepted(String connectionId, Map<String, Object> authorizer) implements Handshake {
    }

    public record Refused(int status, String message) implements Handshake {
    }

    private record Open(Peer peer, Map<String, Object> authorizer, Instant connectedAt, String sourceIp) {
    }

    private final WebSocketRoutes routes;
    private final LocalFunctions functions;
    private final Authenticator authenticator;
    private final String domainName;
    private final Map<String, Open> connections = new ConcurrentHashMap<>();

    public LocalWebSocketApi(WebSocketRoutes routes, LocalFunctions functions, Authenticator authenticator, String domainName) {
        this.routes = routes;
        this.functions = functions;
        this.authenticator = authenticator;
        this.domainName = domainName;
    }

    /** {@code $connect}: authorizer, then the route's function; a non-2xx answer refuses the handshake. */
    public Handshake connect(Map<String, String> query, Map<String, String> headers, String sourceIp) {
        Map<String, Object> authorizer = new LinkedHashMap<>();
        if (routes.connectAuthorized()) {
            String token = query.get("token");
            Authenticator.Outcome outcome = authenticator.authenticate(token == null ? null : "Bearer " + token);
            if (outcome instanceof Authenticator.Rejected rejected) {
                return new Refused(401, rejected.message().replace("Authorization: Bearer <token>", "?token=<token>"));
            }
            Map<String, String> claims = ((Authenticator.Authenticated) outcome).claims();
            if (claims != null) {
                authorizer.put("principalId", claims.getOrDefault("sub", "anonymous"));
                authorizer.putAll(claims);
            }
        }
        String connectionId = newConnectionId();
        Instant now = Instant.now();
        APIGatewayV2WebSocketEvent event = event(WebSocketRoutes.CONNECT, "CONNECT", connectionId, authorizer, now, sourceIp, null);
        event.setQueryStringParameters(query.isEmpty() ? null : Map.copyOf(query));
        event.setHeaders(headers.isEmpty() ? null : Map.copyOf(headers));
        int status = invoke(WebSocketRoutes.CONNECT, event).map(APIGatewayV2WebSocketResponse::getStatusCode).orElse(200);
        if (status / 100 != 2) {
            return new Refused(status, "the $connect function answered " + status);
        }
        return new Accepted(connectionId, authorizer);
    }

    /** The handshake completed: the connection can be pushed to. */
    public void opened(Accepted accepted, Peer peer, String sourceIp) {
        connections.put(accepted.connectionId(), new Open(peer, accepted.authorizer(), Instant.now(), sourceIp));
    }

    /** A text frame: routed by its selection field, or to {@code $default}. Runs the function on the caller's thread. */
    public void message(String connectionId, String text) {
        Open open = connections.get(connectionId);
        if (open == null) {
            return;
        }
        Optional<String> route = routes.select(selection(text));
        if (route.isEmpty()) {
            send(connectionId, "{\"message\": \"Forbidden\", \"connectionId\":\"" + connectionId + "\"}");
            return;
        }
        invoke(route.get(), event(route.get(), "MESSAGE", connectionId, open.authorizer(), open.connectedAt(), open.sourceIp(), text));
    }

    /** The client (or {@link #close}) closed the connection: {@code $disconnect}. */
    public void closed(String connectionId) {
        Open open = connections.remove(connectionId);
        if (open != null && routes.functions().containsKey(WebSocketRoutes.DISCONNECT)) {
            invoke(WebSocketRoutes.DISCONNECT, event(WebSocketRoutes.DISCONNECT, "DISCONNECT", connectionId,
                    open.authorizer(), open.connectedAt(), open.sourceIp(), null));
        }
    }

    /** The management API's {@code POST /@connections/{id}}: false when the connection is gone (410). */
    public boolean send(String connectionId, String text) {
        Open open = connections.get(connectionId);
        if (open == null) {
            return false;
        }
        try {
            open.peer().send(text);
            return true;
        } catch (IOException | IllegalStateException e) {
            LOG.atDebug().setMessage("push to a closing connection").addKeyValue("connectionId", connectionId).log();
            return false;
        }
    }

    /** The management API's {@code DELETE /@connections/{id}}: false when the connection is gone. */
    public boolean close(String connectionId) {
        Open open = connections.get(connectionId);
        if (open == null) {
            return false;
        }
        try {
            open.peer().close();
        } catch (IOException e) {
            LOG.atDebug().setMessage("close failed").addKeyValue("connectionId", connectionId).log();
        }
        return true;
    }

    /** The management API's {@code GET /@connections/{id}}: when it connected and from where. */
    public Optional<Map<String, Object>> describe(String connectionId) {
        return Optional.ofNullable(connections.get(connectionId)).map(open -> Map.of(
                "connectedAt", open.connectedAt().toString(),
                "identity", Map.of("sourceIp", open.sourceIp() == null ? "127.0.0.1" : open.sourceIp())));
    }

    /** Ids of the open connections (for tests and logs). */
    public java.util.Set<String> connectionIds() {
        return java.util.Set.copyOf(connections.keySet());
    }

    private Optional<APIGatewayV2WebSocketResponse> invoke(String route, APIGatewayV2WebSocketEvent event) {
        String functionId = routes.functions().get(route);
        Optional<LocalFunction> function = functionId == null ? Optional.empty() : functions.find(functionId);
        if (function.isEmpty()) {
            return Optional.empty();
        }
        try {
            Object result = function.get().invoke(event, event.getRequestContext().getRequestId());
            return result instanceof APIGatewayV2WebSocketResponse response ? Optional.of(response) : Optional.empty();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.atError().setMessage("websocket handler failed").addKeyValue("function", functionId)
                    .addKeyValue("route", route).setCause(e).log();
            APIGatewayV2WebSocketResponse failed = new APIGatewayV2WebSocketResponse();
            failed.setStatusCode(500);
            return Optional.of(failed);
        }
    }

    private APIGatewayV2WebSocketEvent event(String route, String eventType, String connectionId, Map<String, Object> authorizer,
                                             Instant connectedAt, String sourceIp, String body) {
        Instant now = Instant.now();
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(route);
        context.setEventType(eventType);
        context.setConnectionId(connectionId);
        context.setConnectedAt(connectedAt.toEpochMilli());
        context.setRequestTimeEpoch(now.toEpochMilli());
        context.setRequestId(UUID.randomUUID().toString());
        context.setMessageDirection("IN");
        context.setStage("local");
        context.setApiId("local");
        context.setDomainName(domainName);
        context.setAuthorizer(authorizer.isEmpty() ? null : new LinkedHashMap<>(authorizer));
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp(sourceIp);
        context.setIdentity(identity);
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    /** The selection field's value, as API Gateway evaluates {@code $request.body.<field>}; null when there is none. */
    private Object selection(String text) {
        try {
            JsonNode body = JSON.readTree(text);
            JsonNode value = body == null || !body.isObject() ? null : body.get(routes.selectionField());
            return value != null && value.isTextual() ? value.textValue() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String newConnectionId() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARACTERS[RANDOM.nextInt(ID_CHARACTERS.length)];
        }
        return new String(id);
    }
}
