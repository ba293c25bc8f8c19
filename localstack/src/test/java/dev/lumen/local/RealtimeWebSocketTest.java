package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.adapter.aws.ClientCredentials;
import dev.lumen.adapter.dynamodb.DynamoDbConnectionRegistry;
import dev.lumen.domain.realtime.ConnectionRegistry;
import dev.lumen.local.ws.WebSocketClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Chat over a real WebSocket client against the running local runner: the template's routes at
 * {@code /ws}, the real handler, pushes through the runner's copy of the management API, the
 * connection records in DynamoDB Local. Authentication is off here (every connection is the dev
 * user); {@link JwtRunnerTest} covers the handshake with tokens.
 */
@ExtendWith(LocalRunner.class)
class RealtimeWebSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "dev-user";
    private static DynamoDbClient dynamoDb;
    private static ConnectionRegistry registry;

    @BeforeAll
    static void connectToTheTable() {
        LumenLocal runner = LocalRunner.runner();
        dynamoDb = DynamoDbClient.builder().endpointOverride(runner.dynamoDbEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(ClientCredentials.LOCAL).httpClient(UrlConnectionHttpClient.create()).build();
        registry = new DynamoDbConnectionRegistry(dynamoDb, runner.tableName());
    }

    @AfterAll
    static void close() {
        dynamoDb.close();
    }

    static URI ws() {
        return URI.create(LocalRunner.baseUrl().replace("http://", "ws://") + "/ws");
    }

    @Test
    void aChatOverWebSocketReachesEveryDeviceWithTheHttpReplysFields() {
        // GIVEN a persona, and the user on two devices
        EndToEndTest.createPersona("ws-ada");
        try (WebSocketClient laptop = WebSocketClient.connect(ws()); WebSocketClient phone = WebSocketClient.connect(ws())) {
            assertThat(registry.ofUser(USER, Instant.now())).hasSizeGreaterThanOrEqualTo(2);
            // the laptop heard the phone come online (earlier tests' closing connections may have announced first)
            JsonNode presence = laptop.nextPresence(WAIT);
            while (!presence.path("online").asBoolean()) {
                presence = laptop.nextPresence(WAIT);
            }
            assertThat(presence.path("devices").asInt()).isGreaterThanOrEqualTo(2);

            // WHEN the laptop sends a message
            laptop.send("{\"action\":\"sendMessage\",\"personaId\":\"ws-ada\",\"sessionId\":\"ws-session\","
                    + "\"message\":\"I want to learn calculus before summer.\"}");

            // THEN both see the persona typing, the reply, typing off
            for (WebSocketClient device : List.of(laptop, phone)) {
                List<JsonNode> frames = device.next(3, WAIT);
                assertThat(frames).extracting(frame -> frame.path("type").asText()).containsExactly("typing", "reply", "typing");
                assertThat(frames.get(0).path("typing").asBoolean()).isTrue();
                assertThat(frames.get(2).path("typing").asBoolean()).isFalse();
                JsonNode reply = frames.get(1);
                assertThat(reply.path("message").asText()).isNotBlank();
                assertThat(reply.path("personaId").asText()).isEqualTo("ws-ada");
                assertThat(reply.path("sessionId").asText()).isEqualTo("ws-session");
                assertThat(reply.path("messageId").asText()).isNotBlank();
            }

            // AND the reply has exactly the fields of POST /api/chat's, and the turn is stored like one
            EndToEndTest.Reply http = EndToEndTest.call("POST", "/api/chat",
                    "{\"personaId\":\"ws-ada\",\"sessionId\":\"ws-http\",\"message\":\"I want to learn calculus before summer.\"}");
            assertThat(http.status()).isEqualTo(200);
            Set<String> httpFields = fields(http.body());
            httpFields.add("type");
            EndToEndTest.Reply messages = EndToEndTest.call("GET", "/api/sessions/ws-session/messages?personaId=ws-ada", null);
            assertThat(messages.body().path("messages").findValuesAsText("role")).containsExactly("user", "assistant");
            laptop.send("{\"action\":\"sendMessage\",\"personaId\":\"ws-ada\",\"sessionId\":\"ws-session\",\"message\":\"And then?\"}");
            JsonNode second = laptop.next(3, WAIT).get(1);
            assertThat(fields(second)).isEqualTo(httpFields);
            phone.next(3, WAIT);
        }
    }

    @Test
    void theTypingActionSetsTheIndicatorSeenOverHttp() {
        try (WebSocketClient client = WebSocketClient.connect(ws())) {
            // WHEN
            client.send("{\"action\":\"typing\",\"sessionId\":\"ws-typing\",\"typing\":true}");

            // THEN
            JsonNode typing = awaitTyping("ws-typing", 1);
            assertThat(typing.path("typing").findValuesAsText("userId")).containsExactly(USER);

            // AND typing false clears it
            client.send("{\"action\":\"typing\",\"sessionId\":\"ws-typing\",\"typing\":false}");
            assertThat(awaitTyping("ws-typing", 0).path("typing")).isEmpty();
            assertThat(client.pending()).isZero();
        }
    }

    @Test
    void badFramesGetAnErrorFrameAndStoreNothing() {
        EndToEndTest.createPersona("ws-bad");
        try (WebSocketClient client = WebSocketClient.connect(ws())) {
            List<String> bad = List.of(
                    "{this is not json",
                    "{\"action\":\"dance\"}",
                    "{\"message\":\"no action\"}",
                    "{\"action\":\"sendMessage\",\"personaId\":\"ws-bad\",\"sessionId\":\"ws-bad-session\"}",
                    "{\"action\":\"sendMessage\",\"personaId\":\"ws-bad\",\"sessionId\":\"ws-bad-session\",\"message\":\"hi\",\"extra\":1}",
                    "{\"action\":\"typing\",\"sessionId\":\"ws-bad-session\"}");
            List<String> codes = List.of("invalid_json", "unknown_action", "missing_field", "missing_field", "unknown_field",
                    "missing_field");
            for (int i = 0; i < bad.size(); i++) {
                // WHEN
                client.send(bad.get(i));

                // THEN the next frames end with the error (a rejected chat may have announced typing first)
                JsonNode frame = client.next(WAIT);
                while (frame.path("type").asText().equals("typing")) {
                    frame = client.next(WAIT);
                }
                assertThat(frame.path("type").asText()).as(bad.get(i)).isEqualTo("error");
                assertThat(frame.at("/error/code").asText()).as(bad.get(i)).isEqualTo(codes.get(i));
                assertThat(frame.at("/error/message").asText()).as(bad.get(i)).isNotBlank();
            }

            // AND nothing was stored
            EndToEndTest.Reply messages = EndToEndTest.call("GET", "/api/sessions/ws-bad-session/messages?personaId=ws-bad", null);
            EndToEndTest.Reply typing = EndToEndTest.call("GET", "/api/sessions/ws-bad-session/typing", null);
            assertThat(messages.status()).isEqualTo(200);
            assertThat(messages.body().path("messages").isArray()).isTrue();
            assertThat(messages.body().path("messages")).isEmpty();
            assertThat(typing.status()).isEqualTo(200);
            assertThat(typing.body().path("typing").isArray()).isTrue();
            assertThat(typing.body().path("typing")).isEmpty();
        }
    }

    @Test
    void closingForgetsTheConnectionRecord() throws Exception {
        // GIVEN
        Set<String> before = ids();
        WebSocketClient client = WebSocketClient.connect(ws());
        Set<String> during = ids();
        during.removeAll(before);
        assertThat(during).hasSize(1);

        // WHEN
        client.close();

        // THEN ($disconnect runs right after the close)
        String connectionId = during.iterator().next();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (registry.find(connectionId, Instant.now()).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(registry.find(connectionId, Instant.now())).isEmpty();
        assertThat(ids()).doesNotContain(connectionId);
    }

    private static Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        registry.ofUser(USER, Instant.now()).forEach(connection -> ids.add(connection.connectionId()));
        return ids;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode awaitTyping(String sessionId, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode body = EndToEndTest.call("GET", "/api/sessions/" + sessionId + "/typing", null).body();
            if (body.path("typing").size() == count || System.nanoTime() > deadline) {
                return body;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
