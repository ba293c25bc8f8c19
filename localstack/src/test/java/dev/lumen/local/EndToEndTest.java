package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole product over HTTP, as a client sees it: the local runner (DynamoDB Local, the
 * template's routes, the real handler classes, the offline model) driven with plain requests.
 */
@ExtendWith(LocalRunner.class)
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode body) {
    }

    static Reply call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(LocalRunner.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void createPersona(String id) {
        Reply created = call("POST", "/api/personas", """
                {"id": "%s", "name": "Ada", "description": "A patient study coach",
                 "traits": [{"name": "Warmth", "description": "Kind and encouraging", "intensity": 0.8},
                            {"name": "Humor", "intensity": 0.3}]}""".formatted(id));
        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void personaTraitsChatAndHistoryEndToEnd() {
        // GIVEN a persona
        createPersona("e2e-ada");
        Reply persona = call("GET", "/api/personas/e2e-ada", null);
        assertThat(persona.status()).isEqualTo(200);
        assertThat(persona.body().path("traits").findValuesAsText("id")).containsExactly("empathy", "honesty", "curiosity", "warmth", "humor");

        // WHEN its traits are updated both ways
        Reply humor = call("PUT", "/api/personas/e2e-ada/traits/humor", "{\"action\":\"increase\",\"intensity\":0.65}");
        Reply legacy = call("PUT", "/api/personality",
                "{\"personaId\":\"e2e-ada\",\"traitId\":\"curiosity\",\"action\":\"set\",\"intensity\":0.2}");

        // THEN
        assertThat(humor.status()).isEqualTo(200);
        assertThat(humor.body().path("intensity").asDouble()).isEqualTo(0.95);
        assertThat(legacy.body().path("success").asBoolean()).isTrue();
        assertThat(legacy.body().at("/trait/intensity").asDouble()).isEqualTo(0.2);
        assertThat(legacy.body().at("/trait/inherited").asBoolean()).isFalse();

        // WHEN three turns of chat
        Reply first = chat("e2e-ada", "e2e-session", "I want to learn calculus before summer.");
        Reply second = chat("e2e-ada", "e2e-session", "Which topics should come first?");
        Reply third = chat("e2e-ada", "e2e-session", "How many hours a week is realistic?");

        // THEN every reply is in character, from the offline model, and the third saw the first two turns
        for (Reply reply : List.of(first, second, third)) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("model").asText()).isEqualTo("lumen-offline");
            assertThat(reply.body().path("message").asText()).contains("Ada", "Humor (0.95)");
            assertThat(reply.body().path("sessionId").asText()).isEqualTo("e2e-session");
            assertThat(reply.body().at("/usage/inputTokens").asInt()).isPositive();
            assertThat(reply.body().path("suggestedActions").size()).isPositive();
        }
        assertThat(first.body().path("message").asText()).doesNotContain("earlier message");
        assertThat(third.body().path("message").asText()).contains("4 earlier messages", "calculus");
        assertThat(third.body().at("/usage/inputTokens").asInt()).isGreaterThan(first.body().at("/usage/inputTokens").asInt());

        // AND the session lists six messages, newest last
        Reply messages = call("GET", "/api/sessions/e2e-session/messages?personaId=e2e-ada", null);
        assertThat(messages.status()).isEqualTo(200);
        JsonNode list = messages.body().path("messages");
        assertThat(list.findValuesAsText("role")).containsExactly("user", "assistant", "user", "assistant", "user", "assistant");
        assertThat(list.get(0).path("content").asText()).isEqualTo("I want to learn calculus before summer.");
        assertThat(list.get(5).path("messageId").asText()).isEqualTo(third.body().path("messageId").asText());
    }

    @Test
    void everyBadInputIsA4xxNamingTheProblemAndWritesNothing() {
        // GIVEN
        createPersona("e2e-strict");

        // THEN each bad request is refused with a JSON error naming the problem
        assertError(call("POST", "/api/chat", "{\"personaId\":\"e2e-strict\",\"message\":"), 400, "invalid_json", "JSON");
        assertError(call("POST", "/api/chat", "{\"personaId\":\"e2e-strict\",\"sessionId\":\"bad-1\"}"), 400, "missing_field", "'message'");
        assertError(call("POST", "/api/chat", "{\"personaId\":\"e2e-strict\",\"sessionId\":\"bad-1\",\"message\":42}"), 400, "invalid_type", "'message'");
        assertError(call("POST", "/api/chat", "{\"personaId\":\"e2e-strict\",\"sessionId\":\"bad-1\",\"message\":\""
                + "x".repeat(4_001) + "\"}"), 400, "message_too_long", "4000");
        assertError(call("POST", "/api/chat", "{\"personaId\":\"nobody\",\"sessionId\":\"bad-1\",\"message\":\"hi\"}"), 404, "persona_not_found", "nobody");
        assertError(call("PUT", "/api/personas/e2e-strict/traits/warmth", "{\"action\":\"increase\",\"intensity\":1.5}"), 400, "invalid_intensity", "intensity");
        assertError(call("PUT", "/api/personas/e2e-strict/traits/warmth", "{\"action\":\"increase\",\"intensity\":\"0.1\"}"), 400, "invalid_type", "'intensity'");
        assertError(call("PUT", "/api/personas/e2e-strict/traits/warmth", "{\"action\":\"explode\",\"intensity\":0.1}"), 400, "invalid_action", "'action'");
        assertError(call("PUT", "/api/personas/e2e-strict/traits/warmth", "not json"), 400, "invalid_json", "JSON");
        assertError(call("PUT", "/api/personas/nobody/traits/warmth", "{\"action\":\"set\",\"intensity\":0.1}"), 404, "persona_not_found", "nobody");
        assertError(call("PUT", "/api/personality", "{\"personaId\":\"e2e-strict\",\"traitId\":\"warmth\",\"action\":\"set\",\"intensity\":-1}"), 400, "invalid_intensity", "intensity");
        assertError(call("POST", "/api/personas", "{\"name\":\"\"}"), 400, "missing_field", "'name'");
        assertError(call("GET", "/api/personas/nobody", null), 404, "persona_not_found", "nobody");
        assertError(call("GET", "/api/sessions/bad-1/messages", null), 400, "missing_field", "'personaId'");

        // AND nothing was written
        assertThat(call("GET", "/api/sessions/bad-1/messages?personaId=e2e-strict", null).body().path("messages").size()).isZero();
        JsonNode traits = call("GET", "/api/personas/e2e-strict", null).body().path("traits");
        assertThat(traits.findValues("intensity").stream().map(JsonNode::asDouble).toList()).containsExactly(0.7, 0.9, 0.5, 0.8, 0.3);
    }

    @Test
    void fiftyConcurrentIncrementsEndAtExactlyStartPlusHalf() throws Exception {
        // GIVEN warmth at 0.3
        createPersona("e2e-race");
        call("PUT", "/api/personas/e2e-race/traits/warmth", "{\"action\":\"set\",\"intensity\":0.3}");
        ExecutorService pool = Executors.newFixedThreadPool(16);

        // WHEN 50 clients increase it by 0.01 at once
        List<CompletableFuture<Reply>> updates = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            updates.add(CompletableFuture.supplyAsync(() -> call("PUT", "/api/personas/e2e-race/traits/warmth",
                    "{\"action\":\"increase\",\"intensity\":0.01}"), pool));
        }
        CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();

        // THEN none was lost
        assertThat(updates).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
        JsonNode warmth = call("GET", "/api/personas/e2e-race", null).body().path("traits").get(3);
        assertThat(warmth.path("id").asText()).isEqualTo("warmth");
        assertThat(warmth.path("intensity").asDouble()).isEqualTo(0.8);
    }

    private static Reply chat(String personaId, String sessionId, String message) {
        return call("POST", "/api/chat", "{\"personaId\":\"%s\",\"sessionId\":\"%s\",\"userId\":\"u-1\",\"message\":\"%s\"}"
                .formatted(personaId, sessionId, message));
    }

    private static void assertError(Reply reply, int status, String code, String messagePart) {
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(status);
        assertThat(reply.body().at("/error/code").asText()).isEqualTo(code);
        assertThat(reply.body().at("/error/message").asText()).contains(messagePart);
    }
}
