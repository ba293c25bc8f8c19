package dev.lumen.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ChatService;
import dev.lumen.domain.chat.SessionHistory;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.knowledge.Coaching;
import dev.lumen.domain.knowledge.KnowledgeSearch;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryConversationRepository;
import dev.lumen.fakes.InMemoryCreatorRepository;
import dev.lumen.fakes.InMemoryLearningRepository;
import dev.lumen.fakes.InMemoryPersonaRepository;
import dev.lumen.fakes.RecordingInteractionPublisher;
import dev.lumen.functions.http.Json;
import java.io.UncheckedIOException;
import java.time.Clock;

/** Domain services over in-memory fakes, and helpers to load sample events and read responses. */
public final class HandlerFixture {
    public final InMemoryPersonaRepository personaRepository = new InMemoryPersonaRepository();
    public final InMemoryConversationRepository conversations = new InMemoryConversationRepository();
    public final PersonaService personas = new PersonaService(personaRepository, CoreTraits.defaults(), Clock.systemUTC());

    public final ExactVectorStore vectors = new ExactVectorStore();
    public final HashingEmbeddingModel embeddings = new HashingEmbeddingModel(64);
    public final MemoryService memory = new MemoryService(embeddings, vectors);
    public final InMemoryCreatorRepository creators = new InMemoryCreatorRepository();
    public final InMemoryLearningRepository learning = new InMemoryLearningRepository();
    public final RecordingInteractionPublisher interactions = new RecordingInteractionPublisher();

    public ChatService chat(ChatModel model) {
        return new ChatService(personas, CoreTraits.defaults(), conversations, model, memory, interactions,
                new Coaching(creators, learning, new KnowledgeSearch(embeddings, vectors)), Clock.systemUTC());
    }

    public SessionHistory history() {
        return new SessionHistory(personas, conversations);
    }

    /** A sample event from the project's events/ folder, exactly as AWS would send it. */
    public static APIGatewayV2HTTPEvent event(String name) {
        return EventLoader.loadApiGatewayHttpEvent("events/" + name);
    }

    /** The same event with another body. */
    public static APIGatewayV2HTTPEvent withBody(String name, String body) {
        APIGatewayV2HTTPEvent event = event(name);
        event.setBody(body);
        return event;
    }

    /** The event as a plain user {@code userId} sends it (the claims API Gateway's JWT authorizer passes on). */
    public static APIGatewayV2HTTPEvent asUser(APIGatewayV2HTTPEvent event, String userId) {
        return withClaims(event, java.util.Map.of("sub", userId, "custom:role", "user"));
    }

    /** The event as sent by the creator {@code creatorId} (user {@code owner-<creatorId>}). */
    public static APIGatewayV2HTTPEvent asCreator(APIGatewayV2HTTPEvent event, String creatorId) {
        return withClaims(event, java.util.Map.of("sub", "owner-" + creatorId, "custom:role", "creator",
                "custom:creatorId", creatorId));
    }

    /** The event as an admin sends it (role from a Cognito group, as API Gateway flattens it). */
    public static APIGatewayV2HTTPEvent asAdmin(APIGatewayV2HTTPEvent event) {
        return withClaims(event, java.util.Map.of("sub", "admin-1", "cognito:groups", "[admin]"));
    }

    /** The event with exactly these claims; null removes the authorizer, as on a route without one. */
    public static APIGatewayV2HTTPEvent withClaims(APIGatewayV2HTTPEvent event, java.util.Map<String, String> claims) {
        if (claims == null) {
            event.getRequestContext().setAuthorizer(null);
            return event;
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(new java.util.HashMap<>(claims));
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        event.getRequestContext().setAuthorizer(authorizer);
        return event;
    }

    public static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts an error response: the status and a JSON {error:{code, message}} whose message names the problem. */
    public static void assertError(APIGatewayV2HTTPResponse response, int status, String messagePart) {
        org.assertj.core.api.Assertions.assertThat(response.getStatusCode()).isEqualTo(status);
        JsonNode error = json(response).path("error");
        org.assertj.core.api.Assertions.assertThat(error.path("code").asText()).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(error.path("message").asText()).contains(messagePart);
    }
}
