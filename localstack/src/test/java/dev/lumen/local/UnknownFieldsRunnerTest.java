package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.domain.Ids;
import dev.lumen.local.EndToEndTest.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every operation whose request body the document closes ({@code additionalProperties: false}) is
 * held to it by the runner: a valid request plus one unknown field is a 400 whose error names the
 * field, and changes nothing a read can see. The operations come from {@code openapi.yaml}, so an
 * operation the document closes without a sample request here fails, and so does a handler that
 * starts accepting unknown fields.
 */
@ExtendWith(LocalRunner.class)
class UnknownFieldsRunnerTest {
    private static final String UNKNOWN = "unexpectedField";
    private static final String USER = "dev-user";
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    private final OpenApi document = OpenApi.load(OpenApi.PROJECT_DOCUMENT);

    /**
     * A valid request for one operation, the status it gets without the unknown field, and a read
     * of what it would change ({@code null}: it changes nothing a route can read, said in {@code why}).
     */
    record Sample(String path, String body, int validStatus, Supplier<String> probe, String why) {
    }

    @Test
    void every_operation_that_forbids_unknown_fields_refuses_one_with_a_400_naming_it_and_stores_nothing() {
        // GIVEN what the requests act on: a persona, a chatted turn, a creator, a crisis escalation
        String personaId = "strict-" + Ids.random();
        String sessionId = "strict-session-" + Ids.random();
        String creatorId = "strict-coach-" + Ids.random();
        String user = "strict-user-" + Ids.random();
        assertThat(call("POST", "/api/personas", """
                {"id": "%s", "name": "Ada", "traits": [{"id": "warmth", "name": "Warmth", "intensity": 0.8}]}"""
                .formatted(personaId)).status()).isEqualTo(201);
        Reply turn = call("POST", "/api/chat", """
                {"personaId": "%s", "sessionId": "%s", "userId": "%s", "message": "Can you help me plan my revision?"}"""
                .formatted(personaId, sessionId, USER));
        assertThat(turn.status()).isEqualTo(200);
        assertThat(call("PUT", "/api/creators/" + creatorId, "{\"name\": \"Dr. Rest\"}").status()).isEqualTo(200);
        Reply crisis = call("POST", "/api/chat", """
                {"personaId": "%s", "sessionId": "%s", "userId": "%s",
                 "message": "I have the pills here and I am going to end my life tonight."}"""
                .formatted(personaId, "strict-crisis-" + Ids.random(), user));
        String escalationId = crisis.body().at("/escalation/id").asText();
        assertThat(escalationId).as("the crisis was escalated").isNotBlank();

        String newPersona = "strict-new-" + Ids.random();
        String newSession = "strict-new-session-" + Ids.random();
        String newCreator = "strict-new-coach-" + Ids.random();
        String newDocument = "strict-doc-" + Ids.random();
        String typingSession = "strict-typing-" + Ids.random();
        Map<String, Sample> samples = new LinkedHashMap<>();
        samples.put("POST /api/personas", new Sample("/api/personas",
                "{\"id\": \"" + newPersona + "\", \"name\": \"Bo\"}", 201, read("/api/personas/" + newPersona), null));
        samples.put("PUT /api/personas/{personaId}/traits/{traitId}", new Sample("/api/personas/" + personaId + "/traits/warmth",
                "{\"action\": \"set\", \"intensity\": 0.2}", 200, read("/api/personas/" + personaId), null));
        samples.put("PUT /api/personality", new Sample("/api/personality", """
                {"personaId": "%s", "traitId": "warmth", "action": "set", "intensity": 0.3}""".formatted(personaId), 200,
                read("/api/personas/" + personaId), null));
        samples.put("POST /api/chat", new Sample("/api/chat", """
                {"personaId": "%s", "sessionId": "%s", "message": "Hello"}""".formatted(personaId, newSession), 200,
                read("/api/sessions/" + newSession + "/messages?personaId=" + personaId), null));
        samples.put("POST /api/messages/{messageId}/feedback", new Sample("/api/messages/" + turn.body().path("messageId").asText()
                + "/feedback", "{\"rating\": 2}", 200, read("/api/sessions/" + sessionId + "/messages?personaId=" + personaId), null));
        samples.put("PUT /api/users/{userId}/emotional-state", new Sample("/api/users/" + user + "/emotional-state",
                "{\"level\": 0.9, \"state\": \"joyful\"}", 200, read("/api/users/" + user + "/emotional-state"), null));
        samples.put("PUT /api/users/{userId}/goals/{goalId}", new Sample("/api/users/" + user + "/goals/exam",
                "{\"goal\": \"pass maths\", \"progress\": 0.1, \"expected\": 0.2}", 200, read("/api/users/" + user + "/goals"), null));
        samples.put("PUT /api/users/{userId}/time-zone", new Sample("/api/users/" + user + "/time-zone",
                "{\"timeZone\": \"Europe/Paris\"}", 200, null, "no route reads a user's time zone back"));
        samples.put("PUT /api/sessions/{sessionId}/typing", new Sample("/api/sessions/" + typingSession + "/typing",
                "{\"userId\": \"" + USER + "\", \"typing\": true}", 200, read("/api/sessions/" + typingSession + "/typing"), null));
        samples.put("PUT /api/creators/{creatorId}", new Sample("/api/creators/" + newCreator, "{\"name\": \"Dr. Calm\"}", 200,
                read("/api/creators/" + newCreator), null));
        samples.put("POST /api/creators/{creatorId}/documents", new Sample("/api/creators/" + creatorId + "/documents", """
                {"documentId": "%s", "title": "Sleep", "content": "Stop caffeine after 2 pm."}""".formatted(newDocument), 202,
                read("/api/creators/" + creatorId + "/documents/" + newDocument), null));
        samples.put("POST /api/creators/{creatorId}/query", new Sample("/api/creators/" + creatorId + "/query",
                "{\"query\": \"caffeine\"}", 200, null, "a search stores nothing"));
        samples.put("POST /api/creators/{creatorId}/content", new Sample("/api/creators/" + creatorId + "/content",
                "{\"contentType\": \"newsletter\", \"topic\": \"caffeine\"}", 200, read("/api/usage?creatorId=" + creatorId), null));
        samples.put("POST /api/escalations/{escalationId}/resolve", new Sample("/api/escalations/" + escalationId + "/resolve",
                "{\"resolvedBy\": \"nurse-joy\", \"note\": \"called back\"}", 200, () -> escalation(escalationId), null));
        samples.put("POST /api/agents/{agent}/cycle", new Sample("/api/agents/sandbox/cycle", "{\"kind\": \"cycle\"}", 202,
                null, "queues work; the runs list also moves with other tests' queued work"));
        samples.put("POST /api/proposals/{proposalId}/approve", new Sample("/api/proposals/none-" + Ids.random() + "/approve",
                "{\"reason\": \"looks right\"}", 404, null, "no such proposal (agents make them asynchronously)"));
        samples.put("POST /api/proposals/{proposalId}/reject", new Sample("/api/proposals/none-" + Ids.random() + "/reject",
                "{\"reason\": \"not now\"}", 404, null, "no such proposal (agents make them asynchronously)"));

        // WHEN each closed operation of the document gets its valid request plus one unknown field
        List<String> closed = closedOperations();
        List<String> problems = new ArrayList<>();
        for (String operation : closed) {
            Sample sample = samples.get(operation);
            if (sample == null) {
                problems.add(operation + " forbids unknown fields but has no sample request in this test");
                continue;
            }
            String method = operation.substring(0, operation.indexOf(' '));
            String before = sample.probe() == null ? null : sample.probe().get();
            ObjectNode extended = (ObjectNode) json(sample.body());
            extended.put(UNKNOWN, true);
            Reply refused = call(method, sample.path(), extended.toString());

            // THEN 400 naming the field, in the API's error shape, and nothing changed
            if (refused.status() != 400 || !refused.body().at("/error/message").asText().contains(UNKNOWN)
                    || refused.body().at("/error/code").asText().isBlank()) {
                problems.add(operation + " answered " + refused.status() + " " + refused.body() + " to an unknown field");
            }
            if (sample.probe() != null && !before.equals(sample.probe().get())) {
                problems.add(operation + " changed what " + sample.path() + " reads although it refused the request");
            }
            // AND the same request without it is valid, so the field alone was the reason
            Reply valid = call(method, sample.path(), sample.body());
            if (valid.status() != sample.validStatus()) {
                problems.add(operation + " answered " + valid.status() + " " + valid.body() + " to its valid sample, expected "
                        + sample.validStatus());
            }
        }
        assertThat(closed).as("closed operations found in the document").hasSizeGreaterThanOrEqualTo(17);
        assertThat(samples.keySet()).as("samples for operations the document does not close").isSubsetOf(closed);
        assertThat(problems).isEmpty();
    }

    /** The route keys of operations whose JSON request body has {@code additionalProperties: false}. */
    private List<String> closedOperations() {
        List<String> closed = new ArrayList<>();
        for (OpenApi.Operation operation : document.operations()) {
            JsonNode body = operation.node().path("requestBody");
            if (body.isMissingNode()) {
                continue;
            }
            JsonNode schema = document.deref(document.deref(body).path("content").path("application/json").path("schema"));
            if (schema != null && schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                closed.add(operation.routeKey());
            }
        }
        return closed;
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A read's status and body, as text to compare. */
    private static Supplier<String> read(String path) {
        return () -> {
            Reply reply = call("GET", path, null);
            return reply.status() + " " + reply.body();
        };
    }

    /** The escalation's status and resolution, from the open list and the resolved one. */
    private static String escalation(String id) {
        StringBuilder found = new StringBuilder();
        for (String status : List.of("open", "resolved")) {
            for (JsonNode escalation : call("GET", "/api/escalations?status=" + status + "&limit=100", null).body().path("escalations")) {
                if (id.equals(escalation.path("escalationId").asText())) {
                    found.append(escalation.path("status").asText()).append(' ').append(escalation.path("resolvedBy").asText())
                            .append(' ').append(escalation.path("note").asText());
                }
            }
        }
        return found.toString();
    }
}
