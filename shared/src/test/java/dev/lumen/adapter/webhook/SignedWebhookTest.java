package dev.lumen.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lumen.domain.error.UnavailableException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real loopback HTTP server: headers, signature, and what counts as a failure. */
class SignedWebhookTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String SECRET = "s3cret-for-tests";

    private record Received(String messageId, String timestamp, String signature, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private HttpServer server;

    private URI start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst(SignedWebhook.MESSAGE_ID),
                    exchange.getRequestHeaders().getFirst(SignedWebhook.TIMESTAMP),
                    exchange.getRequestHeaders().getFirst(SignedWebhook.SIGNATURE), body));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsTheBodySignedOverTimestampAndBody() throws Exception {
        SignedWebhook hook = new SignedWebhook(start(), SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

        hook.send("p-1", "{\"text\":\"Hi ✓\"}");

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.messageId()).isEqualTo("p-1");
            assertThat(r.timestamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
            assertThat(r.body()).isEqualTo("{\"text\":\"Hi ✓\"}");
            // the receiver's check: recompute with the shared secret
            assertThat(r.signature()).isEqualTo("v1=" + SignedWebhook.sign(SECRET.getBytes(StandardCharsets.UTF_8),
                    r.timestamp(), r.body()));
            assertThat(r.signature()).isNotEqualTo("v1=" + SignedWebhook.sign("other".getBytes(StandardCharsets.UTF_8),
                    r.timestamp(), r.body()));
        });
    }

    @Test
    void aNon2xxAnswerOrNoServerIsUnavailable() throws Exception {
        URI url = start();
        status.set(500);
        SignedWebhook hook = new SignedWebhook(url, SECRET, Clock.systemUTC());

        assertThatThrownBy(() -> hook.send("p-1", "{}")).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("HTTP 500");
        server.stop(0);
        server = null;
        assertThatThrownBy(() -> hook.send("p-1", "{}")).isInstanceOf(UnavailableException.class);
    }

    @Test
    void aSecretIsRequired() {
        assertThatThrownBy(() -> new SignedWebhook(URI.create("https://example.com/hook"), "", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
