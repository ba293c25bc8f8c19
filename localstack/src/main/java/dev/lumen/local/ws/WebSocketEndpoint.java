package dev.lumen.local.ws;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code ws://127.0.0.1:<port>/ws}: Spring's WebSocket support on the runner's Tomcat, in front of
 * {@link LocalWebSocketApi}. The handshake runs {@code $connect} (refused with its status and a JSON
 * error body, as API Gateway refuses it); frames are handed to a pool, as API Gateway invokes
 * functions apart from the socket, so pushes through {@link ConnectionsEndpoint} arrive while a
 * message is still being handled; closing runs {@code $disconnect}.
 */
public final class WebSocketEndpoint extends TextWebSocketHandler implements HandshakeInterceptor {
    /** Where the runner serves the WebSocket API. */
    public static final String PATH = "/ws";
    private static final String CONNECTION_ID = "lumen.connectionId";
    private static final String ACCEPTED = "lumen.accepted";
    private static final String SOURCE_IP = "lumen.sourceIp";
    /** API Gateway's limit on one frame is 128 KiB; a chat message is far smaller. */
    private static final int MAX_FRAME = 128 * 1024;

    private final LocalWebSocketApi api;
    private final ExecutorService invocations = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "websocket-invoke");
        thread.setDaemon(true);
        return thread;
    });

    public WebSocketEndpoint(LocalWebSocketApi api) {
        this.api = api;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().forEach((name, values) -> {
            if (!values.isEmpty() && values.get(0) != null) {
                query.put(name, java.net.URLDecoder.decode(values.get(0), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        String sourceIp = request.getRemoteAddress() == null ? null : request.getRemoteAddress().getAddress().getHostAddress();
        LocalWebSocketApi.Handshake handshake = api.connect(query, headers, sourceIp);
        if (handshake instanceof LocalWebSocketApi.Refused refused) {
            response.setStatusCode(HttpStatus.valueOf(refused.status()));
            response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
            response.getBody().write(dev.lumen.local.http.ErrorBody.json(
                    refused.status() == 401 ? "unauthenticated" : "connect_refused", refused.message()));
            return false;
        }
        LocalWebSocketApi.Accepted accepted = (LocalWebSocketApi.Accepted) handshake;
        attributes.put(CONNECTION_ID, accepted.connectionId());
        attributes.put(ACCEPTED, accepted);
        attributes.put(SOURCE_IP, sourceIp);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // The connection is registered once it is established (afterConnectionEstablished).
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.setTextMessageSizeLimit(MAX_FRAME);
        // Pushes come from request threads while the socket's own thread may be writing too.
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, 10_000, 512 * 1024);
        api.opened((LocalWebSocketApi.Accepted) session.getAttributes().get(ACCEPTED), new LocalWebSocketApi.Peer() {
            @Override
            public void send(String text) throws IOException {
                safe.sendMessage(new TextMessage(text));
            }

            @Override
            public void close() throws IOException {
                safe.close(CloseStatus.NORMAL);
            }
        }, (String) session.getAttributes().get(SOURCE_IP));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        String connectionId = (String) session.getAttributes().get(CONNECTION_ID);
        String text = message.getPayload();
        dispatch(() -> api.message(connectionId, text));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        String connectionId = (String) session.getAttributes().get(CONNECTION_ID);
        dispatch(() -> api.closed(connectionId));
    }

    private void dispatch(Runnable invocation) {
        try {
            invocations.execute(invocation);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // The runner is shutting down: its functions are going away with it.
        }
    }

    /** Stops taking frames; pending invocations finish on their own. */
    public void shutdown() {
        invocations.shutdown();
    }
}
