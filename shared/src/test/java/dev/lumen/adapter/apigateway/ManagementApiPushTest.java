package dev.lumen.adapter.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lumen.domain.error.UnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The push adapter against a loopback stand-in of the management API: what it sends and how it reads answers. */
class ManagementApiPushTest {
    private record Received(String method, String rawPath, String body, String authorization) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = Map.of("gone", 410, "broken", 500);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            received.add(new Received(exchange.getRequestMethod(), path,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("authorization")));
            String id = path.substring(path.lastIndexOf('/') + 1);
            exchange.sendResponseHeaders(statuses.getOrDefault(id, 200), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ManagementApiPush push() {
        return new ManagementApiPush(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/live/"), "us-east-1");
    }

    @Test
    void aFrameIsASignedPostToTheConnection() {
        // WHEN
        boolean delivered = push().push("Uj9k+XcO=", "{\"type\":\"typing\",\"typing\":true}");

        // THEN the id is escaped, the body is the frame, the request is SigV4-signed for execute-api
        assertThat(delivered).isTrue();
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/live/@connections/Uj9k%2BXcO%3D");
        assertThat(request.body()).isEqualTo("{\"type\":\"typing\",\"typing\":true}");
        assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256").contains("/us-east-1/execute-api/aws4_request");
    }

    @Test
    void goneIsFalseAndOtherFailuresAreUnavailable() {
        assertThat(push().push("gone", "{}")).isFalse();
        assertThatThrownBy(() -> push().push("broken", "{}")).isInstanceOf(UnavailableException.class);
        ManagementApiPush nowhere = push();
        server.stop(0);
        assertThatThrownBy(() -> nowhere.push("any", "{}")).isInstanceOf(UnavailableException.class);
    }
}
