package dev.lumen.local.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.local.http.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.web.HttpRequestHandler;

/**
 * A copy of API Gateway's management API for the local WebSocket API, so functions push with the
 * same adapter as in AWS ({@code LUMEN_WEBSOCKET_ENDPOINT=http://127.0.0.1:<port>}):
 * {@code POST /@connections/{id}} sends the body as one text frame, {@code DELETE} closes the
 * connection, {@code GET} describes it; an unknown connection is {@code 410 Gone}. Signatures are not
 * checked; instead only loopback callers are served, since anyone who could reach it could write to
 * every connection.
 */
public final class ConnectionsEndpoint implements HttpRequestHandler {
    /** Where the management API's routes start. */
    public static final String PATH = "/@connections";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalWebSocketApi api;

    public ConnectionsEndpoint(LocalWebSocketApi api) {
        this.api = api;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            write(response, 403, ErrorBody.json("forbidden", "the management API only answers this machine"));
            return;
        }
        String rest = request.getRequestURI().substring(PATH.length());
        if (!rest.startsWith("/") || rest.length() < 2 || rest.indexOf('/', 1) >= 0) {
            write(response, 404, ErrorBody.json("route_not_found", "use /@connections/{connectionId}"));
            return;
        }
        String connectionId = URLDecoder.decode(rest.substring(1), StandardCharsets.UTF_8);
        switch (request.getMethod()) {
            case "POST" -> {
                String body = new String(request.getInputStream().readNBytes(128 * 1024 + 1), StandardCharsets.UTF_8);
                if (body.length() > 128 * 1024) {
                    write(response, 413, ErrorBody.json("payload_too_large", "a frame is at most 128 KiB"));
                } else if (api.send(connectionId, body)) {
                    response.setStatus(200);
                } else {
                    gone(response);
                }
            }
            case "DELETE" -> {
                if (api.close(connectionId)) {
                    response.setStatus(204);
                } else {
                    gone(response);
                }
            }
            case "GET" -> {
                Optional<java.util.Map<String, Object>> described = api.describe(connectionId);
                if (described.isPresent()) {
                    write(response, 200, JSON.writeValueAsBytes(described.get()));
                } else {
                    gone(response);
                }
            }
            default -> {
                response.setHeader("allow", "POST, GET, DELETE");
                write(response, 405, ErrorBody.json("method_not_allowed", "POST, GET or DELETE a connection"));
            }
        }
    }

    private static void gone(HttpServletResponse response) throws IOException {
        write(response, 410, "{\"message\":\"Gone\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
