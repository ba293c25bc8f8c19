package dev.lumen.functions.realtime;

import dev.lumen.functions.observability.InvocationCapture;
import dev.lumen.functions.observability.LambdaContextStub;
import dev.lumen.domain.chat.ChatModel;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.domain.realtime.Connection;
import dev.lumen.domain.realtime.RealtimeChat;
import dev.lumen.fakes.InMemoryConnectionRegistry;
import dev.lumen.fakes.InMemoryTypingRepository;
import dev.lumen.fakes.RecordingPush;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.functions.HandlerFixture;
import dev.lumen.functions.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket routes from events/ws-*.json, as API Gateway sends them, over in-memory fakes. */
class RealtimeHandlerTest {
    private static final ObjectMapper EVENTS = Json.MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String CONNECTION = "Uj9kXcOFvHcCIhw=";

    private final HandlerFixture fixture = new HandlerFixture();
    private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();
    private final InMemoryTypingRepository typingRepository = new InMemoryTypingRepository();
    private final TypingService typing = new TypingService(typingRepository, Clock.systemUTC());
    private final RecordingPush push = new RecordingPush();
    private final RealtimeHandler handler = new RealtimeHandler(new RealtimeChat(registry, push, new JsonFrameWriter(),
            () -> fixture.chat(new ScriptedChatModel("Let's take it one step at a time.")), () -> typing, Clock.systemUTC()));

    @BeforeEach
    void createPersona() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A patient study coach", null,
                List.of(new NewPersona.NewTrait("warmth", "Warmth", "Kind and encouraging", 0.8))));
    }

    static APIGatewayV2WebSocketEvent event(String name) {
        try {
            return EVENTS.readValue(Files.readString(Path.of("..", "events", name)), APIGatewayV2WebSocketEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static APIGatewayV2WebSocketEvent withBody(String name, String body) {
        APIGatewayV2WebSocketEvent event = event(name);
        event.setBody(body);
        return event;
    }

    private static JsonNode json(String frame) {
        try {
            return Json.MAPPER.readTree(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void connectRegistersTheAuthorizersUserForTwoHoursAndDisconnectForgetsIt() {
        // WHEN
        APIGatewayV2WebSocketResponse connected = handler.handleRequest(event("ws-connect.json"), null);

        // THEN
        assertThat(connected.getStatusCode()).isEqualTo(200);
        Connection connection = registry.find(CONNECTION, Instant.now()).orElseThrow();
        assertThat(connection.userId()).isEqualTo("user-1");
        assertThat(java.time.Duration.between(connection.connectedAt(), connection.expiresAt())).hasHours(2);
        assertThat(push.frames()).isEmpty();

        // AND
        assertThat(handler.handleRequest(event("ws-disconnect.json"), null).getStatusCode()).isEqualTo(200);
        assertThat(registry.ofUser("user-1", Instant.now())).isEmpty();
    }

    @Test
    void connectWithoutAuthorizerContextIsRefused() {
        // GIVEN an event that reached the function without the authorizer's claims
        APIGatewayV2WebSocketEvent event = event("ws-connect.json");
        event.getRequestContext().setAuthorizer(null);

        // WHEN / THEN 401 refuses the handshake, and nothing is registered
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(401);
        assertThat(registry.ofUser("user-1", Instant.now())).isEmpty();
    }

    @Test
    void aMessageIsAnsweredOnEveryDeviceBetweenTypingOnAndOff() {
        // GIVEN the user on this connection and on a phone
        handler.handleRequest(event("ws-connect.json"), null);
        registry.register(new Connection("phone", "user-1", Instant.now(), Instant.now().plusSeconds(7_200)));

        // WHEN
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event("ws-send-message.json"), null);

        // THEN both get typing on, the reply in POST /api/chat's shape, typing off
        assertThat(response.getStatusCode()).isEqualTo(200);
        for (String connection : List.of(CONNECTION, "phone")) {
            List<JsonNode> frames = push.payloadsTo(connection).stream().map(RealtimeHandlerTest::json).toList();
            assertThat(frames).extracting(frame -> frame.path("type").asText()).containsExactly("typing", "reply", "typing");
            assertThat(frames.get(0).path("typing").asBoolean()).isTrue();
            assertThat(frames.get(2).path("typing").asBoolean()).isFalse();
            JsonNode reply = frames.get(1);
            assertThat(reply.path("message").asText()).isEqualTo("Let's take it one step at a time.");
            assertThat(reply.path("sessionId").asText()).isEqualTo("session-1");
            assertThat(reply.path("messageId").asText()).isNotBlank();
            assertThat(reply.path("traits").findValuesAsText("id")).contains("warmth");
        }
        assertThat(fixture.conversations.latest("persona-ada", "session-1", 10)).hasSize(2);
    }

    @Test
    void aGoneDeviceIsForgottenWhileTheOthersStillGetTheReply() {
        // GIVEN
        handler.handleRequest(event("ws-connect.json"), null);
        // connected a minute ago: past its handshake, so a refused push means it is gone
        registry.register(new Connection("closed-tab", "user-1", Instant.now().minusSeconds(60), Instant.now().plusSeconds(7_200)));
        push.gone("closed-tab");

        // WHEN
        handler.handleRequest(event("ws-send-message.json"), null);

        // THEN
        assertThat(registry.find("closed-tab", Instant.now())).isEmpty();
        assertThat(push.payloadsTo(CONNECTION)).hasSize(3);
    }

    @Test
    void theTypingActionSetsTheUsersIndicator() {
        // WHEN
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event("ws-typing.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(typing.typing("session-1")).extracting(status -> status.userId()).containsExactly("user-1");
        assertThat(push.frames()).isEmpty();
    }

    @Test
    void badInputGetsAnErrorFrameAndA4xxAndChangesNothing() {
        Map<String, String> cases = Map.of(
                "{not json", "invalid_json",
                "{\"action\":\"sendMessage\",\"personaId\":\"persona-ada\"}", "missing_field",
                "{\"action\":\"sendMessage\",\"personaId\":\"persona-ada\",\"message\":\"hi\",\"userId\":\"user-2\"}", "unknown_field",
                "{\"action\":\"sendMessage\",\"personaId\":\"nobody\",\"message\":\"hi\"}", "persona_not_found");
        cases.forEach((body, code) -> {
            // WHEN
            APIGatewayV2WebSocketResponse response = handler.handleRequest(withBody("ws-send-message.json", body), null);

            // THEN
            assertThat(response.getStatusCode()).as(body).isBetween(400, 499);
            JsonNode last = json(push.payloadsTo(CONNECTION).get(push.payloadsTo(CONNECTION).size() - 1));
            assertThat(last.path("type").asText()).as(body).isEqualTo("error");
            assertThat(last.at("/error/code").asText()).as(body).isEqualTo(code);
            assertThat(last.at("/error/message").asText()).as(body).isNotBlank();
        });
        assertThat(handler.handleRequest(withBody("ws-typing.json", "{\"action\":\"typing\",\"sessionId\":\"session-1\"}"), null)
                .getStatusCode()).isEqualTo(400);
        assertThat(handler.handleRequest(event("ws-default.json"), null).getStatusCode()).isEqualTo(400);
        assertThat(json(push.payloadsTo(CONNECTION).get(push.payloadsTo(CONNECTION).size() - 1)).at("/error/code").asText())
                .isEqualTo("unknown_action");
        assertThat(handler.handleRequest(withBody("ws-default.json", "[1,2]"), null).getStatusCode()).isEqualTo(400);

        // AND nothing was stored
        assertThat(fixture.conversations.latest("persona-ada", "session-1", 10)).isEmpty();
        assertThat(typing.typing("session-1")).isEmpty();
    }

    @Test
    void everyEventLogsWithItsInvocationContextAndWritesItsMetricLine() {
        try (InvocationCapture capture = new InvocationCapture()) {
            // GIVEN a model that logs as domain code does, while it answers
            ScriptedChatModel scripted = new ScriptedChatModel("Let's take it one step at a time.");
            ChatModel logging = request -> {
                capture.logger().info("model called");
                return scripted.reply(request);
            };
            RealtimeHandler observed = new RealtimeHandler(new RealtimeChat(registry, push, new JsonFrameWriter(),
                    () -> fixture.chat(logging), () -> typing, Clock.systemUTC()));
            observed.handleRequest(event("ws-connect.json"), null);

            // WHEN a message arrives in its own invocation
            APIGatewayV2WebSocketResponse response = observed.handleRequest(event("ws-send-message.json"),
                    new LambdaContextStub("req-ws-1", "lumen-dev-RealtimeFunction"));

            // THEN the line logged inside it carries request, function, route and the connection's user
            assertThat(response.getStatusCode()).isEqualTo(200);
            JsonNode line = capture.logged("model called").get(0);
            assertThat(line.path("requestId").asText()).isEqualTo("req-ws-1");
            assertThat(line.path("function").asText()).isEqualTo("lumen-dev-RealtimeFunction");
            assertThat(line.path("route").asText()).isEqualTo("sendMessage");
            assertThat(line.path("userId").asText()).isEqualTo("user-1");
            assertThat(line.path("handler").asText()).isEqualTo("Realtime");
            // AND the invocation's metric line: latency, no error, named by kind and handler
            JsonNode metric = capture.lines().stream().filter(l -> "req-ws-1".equals(l.path("requestId").asText())
                    && l.has("Kind")).findFirst().orElseThrow();
            assertThat(metric.path("Kind").asText()).isEqualTo("realtime");
            assertThat(metric.path("Handler").asText()).isEqualTo("Realtime");
            assertThat(metric.path("Errors").asInt()).isZero();
            assertThat(metric.has("Latency")).isTrue();
            capture.assertContextCleared();
        }
    }
}
