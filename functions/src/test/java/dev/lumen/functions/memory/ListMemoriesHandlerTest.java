package dev.lumen.functions.memory;

import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.chat.ChatRequest;
import dev.lumen.domain.chat.ChatService;
import dev.lumen.domain.memory.MemoryLookup;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.functions.HandlerFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListMemoriesHandlerTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private ListMemoriesHandler handler;

    @BeforeEach
    void rememberTwoUsers() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A coach", null, List.of()));
        fixture.interactions.deliverTo(fixture.memory::remember);
        ChatService chat = fixture.chat(new ScriptedChatModel("Noted."));
        chat.chat(new ChatRequest("persona-ada", "s1", "user-sam", "My sister's wedding is in June"));
        chat.chat(new ChatRequest("persona-ada", "s1", "user-sam", "I run every morning"));
        chat.chat(new ChatRequest("persona-ada", "s2", "user-kim", "My sister's wedding was lovely"));
        handler = new ListMemoriesHandler(new MemoryLookup(fixture.personas, fixture.memory));
    }

    @Test
    void returnsTheUsersMostSimilarMemoriesWithScores() {
        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("list-memories.json"), null);

        // THEN only user-sam's memories, the wedding first
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode memories = json(response).path("memories");
        assertThat(memories).hasSize(2);
        assertThat(memories.get(0).path("text").asText()).contains("wedding is in June");
        assertThat(memories.get(0).path("score").asDouble()).isGreaterThan(memories.get(1).path("score").asDouble());
        assertThat(memories.get(0).path("sessionId").asText()).isEqualTo("s1");
        assertThat(json(response).toString()).doesNotContain("lovely");
    }

    @Test
    void badQueriesAre400AndAnUnknownPersonaIs404() {
        assertError(handler.handleRequest(withQuery(Map.of("userId", "user-sam")), null), 400, "'q'");
        assertError(handler.handleRequest(withQuery(Map.of("q", "x", "k", "0")), null), 400, "'k'");
        assertError(handler.handleRequest(withQuery(Map.of("q", "x", "userId", "a b")), null), 400, "'userId'");
        APIGatewayV2HTTPEvent ghost = event("list-memories.json");
        ghost.setPathParameters(Map.of("personaId", "ghost"));
        assertError(handler.handleRequest(ghost, null), 404, "ghost");
    }

    private static APIGatewayV2HTTPEvent withQuery(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = event("list-memories.json");
        event.setQueryStringParameters(new HashMap<>(query));
        return event;
    }
}
