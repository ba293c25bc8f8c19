package dev.lumen.functions.chat;

import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.functions.HandlerFixture;
import dev.lumen.domain.persona.NewPersona;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatHandlersTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private final ScriptedChatModel model = new ScriptedChatModel("Let's take it one step at a time.");

    @BeforeEach
    void createPersona() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A patient study coach", null,
                List.of(new NewPersona.NewTrait("warmth", "Warmth", "Kind and encouraging", 0.8))));
    }

    @Test
    void chatRepliesInTheDocumentedShapeAndStoresBothMessages() {
        // WHEN
        APIGatewayV2HTTPResponse response = new ChatHandler(fixture.chat(model)).handleRequest(event("chat.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode reply = json(response);
        assertThat(reply.path("message").asText()).isEqualTo("Let's take it one step at a time.");
        assertThat(reply.path("personaId").asText()).isEqualTo("persona-ada");
        assertThat(reply.path("sessionId").asText()).isEqualTo("session-1");
        assertThat(reply.path("messageId").asText()).isNotBlank();
        assertThat(reply.path("traits").findValuesAsText("id")).contains("warmth", "empathy");
        assertThat(reply.path("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(reply.path("suggestedActions").isArray()).isTrue();
        assertThat(reply.path("model").asText()).isEqualTo("scripted");
        assertThat(reply.at("/usage/inputTokens").isInt()).isTrue();
        assertThat(reply.at("/usage/outputTokens").isInt()).isTrue();

        // AND the session lists both messages, newest last
        APIGatewayV2HTTPResponse listed = new ListMessagesHandler(fixture.history()).handleRequest(event("list-messages.json"), null);
        assertThat(listed.getStatusCode()).isEqualTo(200);
        assertThat(json(listed).path("messages").findValuesAsText("role")).containsExactly("user", "assistant");
        assertThat(json(listed).at("/messages/1/messageId").asText()).isEqualTo(reply.path("messageId").asText());
    }

    @Test
    void badChatInputIs400And404AndWritesNothing() {
        ChatHandler chat = new ChatHandler(fixture.chat(model));
        assertError(chat.handleRequest(event("chat-malformed-json.json"), null), 400, "JSON");
        assertError(chat.handleRequest(withBody("chat.json",
                "{\"personaId\":\"persona-ada\",\"message\":7}"), null), 400, "'message'");
        assertError(chat.handleRequest(withBody("chat.json",
                "{\"personaId\":\"persona-ada\"}"), null), 400, "'message'");
        assertError(chat.handleRequest(withBody("chat.json",
                "{\"personaId\":\"persona-ada\",\"sessionId\":\"session-1\",\"message\":\"" + "a".repeat(4_001) + "\"}"), null),
                400, "4000");
        assertError(chat.handleRequest(withBody("chat.json",
                "{\"personaId\":\"nobody\",\"sessionId\":\"session-1\",\"message\":\"hi\"}"), null), 404, "nobody");
        assertThat(model.requests()).isEmpty();
        assertThat(fixture.conversations.latest("persona-ada", "session-1", 10)).isEmpty();
    }

    @Test
    void modelOutageIs503AndUnexpectedErrorsDoNotLeak() {
        ChatModel down = request -> {
            throw new UnavailableException("model_unavailable", "the chat model is unavailable; retry later", null);
        };
        APIGatewayV2HTTPResponse unavailable = new ChatHandler(fixture.chat(down)).handleRequest(event("chat.json"), null);
        assertError(unavailable, 503, "retry later");

        ChatModel broken = request -> {
            throw new IllegalStateException("secret connection string xyz");
        };
        APIGatewayV2HTTPResponse failed = new ChatHandler(fixture.chat(broken)).handleRequest(event("chat.json"), null);
        assertThat(failed.getStatusCode()).isEqualTo(500);
        assertThat(failed.getBody()).doesNotContain("secret", "Exception", "at dev.");
        assertThat(fixture.conversations.latest("persona-ada", "session-1", 10)).isEmpty();
    }

    @Test
    void listMessagesNeedsAPersonaIdAndAValidLimit() {
        ListMessagesHandler list = new ListMessagesHandler(fixture.history());
        APIGatewayV2HTTPEvent noPersona = event("list-messages.json");
        noPersona.setQueryStringParameters(Map.of());
        assertError(list.handleRequest(noPersona, null), 400, "'personaId'");
        APIGatewayV2HTTPEvent badLimit = event("list-messages.json");
        badLimit.setQueryStringParameters(Map.of("personaId", "persona-ada", "limit", "many"));
        assertError(list.handleRequest(badLimit, null), 400, "'limit'");
    }
}
