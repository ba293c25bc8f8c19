package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.Ids;
import dev.lumen.local.EndToEndTest.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runner serves the API description ({@code GET /openapi.yaml}) and Swagger UI ({@code GET /docs})
 * from its class path, with no network; and real answers of the runner match the document's schemas,
 * so a handler that drops or retypes a field, or answers a status the document does not list,
 * fails here.
 */
@ExtendWith(LocalRunner.class)
class ApiDocsRunnerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String USER = "dev-user";

    private final OpenApi document = OpenApi.load(OpenApi.PROJECT_DOCUMENT);

    @Test
    void serves_the_openapi_document_as_yaml_that_parses() throws IOException {
        // WHEN the document is fetched
        HttpResponse<byte[]> response = get("/openapi.yaml");

        // THEN it is the project's file, as YAML, and parses to the same operations
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/yaml");
        assertThat(response.headers().firstValue("x-content-type-options")).contains("nosniff");
        assertThat(response.body()).isEqualTo(Files.readAllBytes(OpenApi.PROJECT_DOCUMENT));
        OpenApi served = OpenApi.parse(new String(response.body(), StandardCharsets.UTF_8));
        assertThat(served.operations()).hasSameSizeAs(document.operations()).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void serves_swagger_ui_and_every_file_the_page_loads_from_the_runner_itself() {
        // WHEN the docs page is fetched
        HttpResponse<byte[]> page = get("/docs");
        String html = new String(page.body(), StandardCharsets.UTF_8);

        // THEN it is HTML whose policy allows its own scripts and styles, nothing from elsewhere
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        String csp = page.headers().firstValue("content-security-policy").orElse("");
        assertThat(csp).contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval", "http:", "https:", "*");
        assertThat(html).contains("id=\"swagger-ui\"", "/docs/swagger-ui/5.", "swagger-ui-bundle.js", "/docs/init.js")
                .doesNotContain("<script>", "//cdn", "unpkg", "jsdelivr");

        // AND every file it references is served with its type
        List<String> assets = new ArrayList<>();
        Matcher reference = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(html);
        while (reference.find()) {
            assets.add(reference.group(1));
        }
        assertThat(assets).hasSizeGreaterThanOrEqualTo(5);
        for (String asset : assets) {
            HttpResponse<byte[]> file = get(asset);
            assertThat(file.statusCode()).as(asset).isEqualTo(200);
            assertThat(file.body().length).as(asset).isGreaterThan(0);
            String type = file.headers().firstValue("content-type").orElse("");
            if (asset.endsWith(".js")) {
                assertThat(type).as(asset).startsWith("text/javascript");
            } else if (asset.endsWith(".css")) {
                assertThat(type).as(asset).startsWith("text/css");
            } else if (asset.endsWith(".png")) {
                assertThat(type).as(asset).isEqualTo("image/png");
            }
        }
        assertThat(get(assets.stream().filter(a -> a.endsWith("swagger-ui-bundle.js")).findFirst().orElseThrow())
                .body().length).as("the full Swagger UI bundle").isGreaterThan(1_000_000);
        // AND the page's script points Swagger UI at the document served above
        assertThat(new String(get("/docs/init.js").body(), StandardCharsets.UTF_8))
                .contains("SwaggerUIBundle(", "\"/openapi.yaml\"");
    }

    @Test
    void serves_nothing_else_of_the_webjar_and_only_reads() {
        String version = new dev.lumen.local.web.ApiDocs(OpenApi.PROJECT_DOCUMENT).swaggerUiVersion();
        assertThat(version).startsWith("5.");

        // Files of the jar the page does not use, other versions, and unknown paths: the API's 404 shape
        for (String path : List.of("/docs/swagger-ui/" + version + "/index.html", "/docs/swagger-ui/0.0.1/swagger-ui.css",
                "/docs/swagger-ui/" + version + "/", "/docs/nothing")) {
            HttpResponse<byte[]> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(path).contains("\"error\"");
        }
        // A write is refused
        Reply posted = call("POST", "/docs", "{}");
        assertThat(posted.status()).isEqualTo(405);
        assertThat(posted.body().at("/error/code").asText()).isEqualTo("method_not_allowed");
        // And the HTTP API beside it is untouched
        assertThat(call("GET", "/api/health", null).status()).isEqualTo(200);
    }

    @Test
    void real_answers_of_the_runner_match_the_documented_schemas() {
        // GIVEN a persona, a chatted turn and the reads that follow it, as a client would do them
        String personaId = "doc-" + Ids.random();
        String sessionId = "doc-session-" + Ids.random();
        List<String> problems = new ArrayList<>();

        check(problems, "GET", "/api/health", "/api/health", null, 200);
        check(problems, "GET", "/api/database/health", "/api/database/health", null, 200);
        check(problems, "POST", "/api/personas", "/api/personas", """
                {"id": "%s", "name": "Ada", "description": "A patient study coach",
                 "traits": [{"name": "Warmth", "description": "Kind", "intensity": 0.8}]}""".formatted(personaId), 201);
        check(problems, "GET", "/api/personas/{personaId}", "/api/personas/" + personaId, null, 200);
        check(problems, "PUT", "/api/personas/{personaId}/traits/{traitId}", "/api/personas/" + personaId + "/traits/warmth",
                "{\"action\": \"increase\", \"intensity\": 0.1}", 200);
        check(problems, "PUT", "/api/personality", "/api/personality", """
                {"personaId": "%s", "traitId": "warmth", "action": "set", "intensity": 0.5}""".formatted(personaId), 200);
        JsonNode reply = check(problems, "POST", "/api/chat", "/api/chat", """
                {"personaId": "%s", "sessionId": "%s", "userId": "%s", "message": "Can you help me plan my revision?"}"""
                .formatted(personaId, sessionId, USER), 200);
        check(problems, "GET", "/api/sessions/{sessionId}/messages",
                "/api/sessions/" + sessionId + "/messages?personaId=" + personaId, null, 200);
        check(problems, "POST", "/api/messages/{messageId}/feedback",
                "/api/messages/" + reply.path("messageId").asText() + "/feedback", "{\"rating\": 4}", 200);
        check(problems, "GET", "/api/personas/{personaId}/memories",
                "/api/personas/" + personaId + "/memories?userId=" + USER + "&q=revision", null, 200);
        check(problems, "GET", "/api/users/{userId}/profile", "/api/users/" + USER + "/profile?personaId=" + personaId, null, 200);
        check(problems, "PUT", "/api/users/{userId}/emotional-state", "/api/users/" + USER + "/emotional-state",
                "{\"level\": 0.4, \"state\": \"hopeful\"}", 200);
        check(problems, "PUT", "/api/sessions/{sessionId}/typing", "/api/sessions/" + sessionId + "/typing",
                "{\"userId\": \"" + USER + "\", \"typing\": true}", 200);
        check(problems, "GET", "/api/sessions/{sessionId}/typing", "/api/sessions/" + sessionId + "/typing", null, 200);
        check(problems, "GET", "/api/stats", "/api/stats", null, 200);
        check(problems, "GET", "/api/escalations", "/api/escalations?status=open&limit=5", null, 200);
        check(problems, "GET", "/api/custody/test-categories", "/api/custody/test-categories", null, 200);
        check(problems, "POST", "/api/snapshots/{kind}/{id}", "/api/snapshots/persona/" + personaId, null, 201);
        // AND the errors: unknown, bad input, taken
        check(problems, "GET", "/api/personas/{personaId}", "/api/personas/nobody-" + Ids.random(), null, 404);
        check(problems, "POST", "/api/chat", "/api/chat", "{\"personaId\": \"" + personaId + "\"}", 400);
        check(problems, "POST", "/api/personas", "/api/personas",
                "{\"id\": \"" + personaId + "\", \"name\": \"Again\"}", 409);
        check(problems, "GET", "/api/sessions/{sessionId}/messages", "/api/sessions/" + sessionId + "/messages?personaId=" + personaId
                + "&limit=501", null, 400);

        // THEN every answer has the status expected and the fields and types the document promises
        assertThat(problems).as("answers that drifted from openapi.yaml").isEmpty();
    }

    @Test
    void real_answers_of_the_knowledge_goals_usage_and_admin_routes_match_the_documented_schemas() {
        String creatorId = "doc-coach-" + Ids.random();
        String documentId = "doc-guide-" + Ids.random();
        List<String> problems = new ArrayList<>();

        check(problems, "PUT", "/api/creators/{creatorId}", "/api/creators/" + creatorId,
                "{\"name\": \"Dr. Rest\", \"expertise\": \"sleep\"}", 200);
        check(problems, "GET", "/api/creators/{creatorId}", "/api/creators/" + creatorId, null, 200);
        check(problems, "POST", "/api/creators/{creatorId}/documents", "/api/creators/" + creatorId + "/documents", """
                {"documentId": "%s", "title": "Sleep hygiene", "contentType": "markdown", "metadata": {"topic": "sleep"},
                 "content": "# Sleep\\n\\nStop caffeine after 2 pm."}""".formatted(documentId), 202);
        check(problems, "GET", "/api/creators/{creatorId}/documents", "/api/creators/" + creatorId + "/documents", null, 200);
        check(problems, "GET", "/api/creators/{creatorId}/documents/{documentId}",
                "/api/creators/" + creatorId + "/documents/" + documentId, null, 200);
        check(problems, "POST", "/api/creators/{creatorId}/query", "/api/creators/" + creatorId + "/query",
                "{\"query\": \"when to stop coffee?\", \"k\": 2, \"answer\": true}", 200);
        check(problems, "POST", "/api/creators/{creatorId}/content", "/api/creators/" + creatorId + "/content",
                "{\"contentType\": \"newsletter\", \"topic\": \"caffeine\", \"length\": \"short\"}", 200);
        check(problems, "DELETE", "/api/creators/{creatorId}/documents/{documentId}",
                "/api/creators/" + creatorId + "/documents/" + documentId, null, 200);
        check(problems, "PUT", "/api/users/{userId}/goals/{goalId}", "/api/users/" + USER + "/goals/exam",
                "{\"goal\": \"pass maths\", \"progress\": 0.2, \"expected\": 0.5}", 200);
        check(problems, "GET", "/api/users/{userId}/goals", "/api/users/" + USER + "/goals", null, 200);
        check(problems, "PUT", "/api/users/{userId}/time-zone", "/api/users/" + USER + "/time-zone",
                "{\"timeZone\": \"Europe/Berlin\"}", 200);
        check(problems, "GET", "/api/users/{userId}/proactive", "/api/users/" + USER + "/proactive?limit=5", null, 200);
        check(problems, "GET", "/api/users/{userId}/emotional-state", "/api/users/" + USER + "/emotional-state", null, 200);
        check(problems, "GET", "/api/usage", "/api/usage?userId=" + USER, null, 200);
        check(problems, "GET", "/api/status", "/api/status", null, 200);
        check(problems, "GET", "/api/agents/status", "/api/agents/status", null, 200);
        check(problems, "GET", "/api/agents/{agent}/runs", "/api/agents/guardian/runs?limit=5", null, 200);
        check(problems, "GET", "/api/agents/{agent}/findings", "/api/agents/guardian/findings?limit=5", null, 200);
        check(problems, "GET", "/api/proposals", "/api/proposals?status=pending", null, 200);
        check(problems, "GET", "/api/custody", "/api/custody", null, 200);
        check(problems, "GET", "/api/custody/analytics", "/api/custody/analytics?limit=5", null, 200);
        check(problems, "GET", "/api/custody/recommendations", "/api/custody/recommendations", null, 200);
        check(problems, "GET", "/api/agents/{agent}/runs", "/api/agents/nobody/runs", null, 400);
        check(problems, "POST", "/api/creators/{creatorId}/query", "/api/creators/" + creatorId + "/query",
                "{\"query\": \"x\", \"k\": 51}", 400);

        assertThat(problems).as("answers that drifted from openapi.yaml").isEmpty();
    }

    @Test
    void real_answers_of_the_snapshot_agent_proposal_escalation_and_erasure_routes_match_the_documented_schemas() {
        String personaId = "doc-snap-" + Ids.random();
        String user = "doc-erase-" + Ids.random();
        List<String> problems = new ArrayList<>();
        check(problems, "POST", "/api/personas", "/api/personas", """
                {"id": "%s", "name": "Ada", "description": "A patient study coach",
                 "traits": [{"name": "Warmth", "description": "Kind", "intensity": 0.8}]}""".formatted(personaId), 201);

        // Persona snapshots: two versions a trait change apart, listed, read, compared and restored
        check(problems, "POST", "/api/snapshots/{kind}/{id}", "/api/snapshots/persona/" + personaId, null, 201);
        call("PUT", "/api/personas/" + personaId + "/traits/warmth", "{\"action\": \"set\", \"intensity\": 0.3}");
        check(problems, "POST", "/api/snapshots/{kind}/{id}", "/api/snapshots/persona/" + personaId, null, 201);
        check(problems, "GET", "/api/snapshots/{kind}/{id}", "/api/snapshots/persona/" + personaId, null, 200);
        check(problems, "GET", "/api/snapshots/{kind}/{id}/{version}", "/api/snapshots/persona/" + personaId + "/1", null, 200);
        JsonNode diff = check(problems, "GET", "/api/snapshots/{kind}/{id}/diff",
                "/api/snapshots/persona/" + personaId + "/diff?from=1&to=2", null, 200);
        assertThat(diff.at("/traits/changed/0/id").asText()).as("the diff is not empty").isEqualTo("warmth");
        check(problems, "POST", "/api/snapshots/{kind}/{id}/{version}/restore",
                "/api/snapshots/persona/" + personaId + "/1/restore", null, 200);
        // A user's and an agent's state: the other two shapes of a snapshot's state
        call("PUT", "/api/users/" + user + "/emotional-state", "{\"level\": 0.4, \"state\": \"hopeful\"}");
        check(problems, "POST", "/api/snapshots/{kind}/{id}", "/api/snapshots/user/" + user, null, 201);
        check(problems, "GET", "/api/snapshots/{kind}/{id}/{version}", "/api/snapshots/user/" + user + "/1", null, 200);
        JsonNode agent = check(problems, "POST", "/api/snapshots/{kind}/{id}", "/api/snapshots/agent/guardian", null, 201);
        check(problems, "GET", "/api/snapshots/{kind}/{id}/{version}", "/api/snapshots/agent/guardian/"
                + agent.path("version").asText("1"), null, 200);

        // Agents and custody: work queued
        check(problems, "POST", "/api/agents/{agent}/cycle", "/api/agents/guardian/cycle", "{\"kind\": \"cycle\"}", 202);
        check(problems, "POST", "/api/custody/test/{agentType}", "/api/custody/test/guardian", null, 202);
        // Decisions on things that do not exist: the documented 404s
        check(problems, "POST", "/api/proposals/{proposalId}/approve", "/api/proposals/nothing-" + Ids.random() + "/approve",
                "{\"reason\": \"looks right\"}", 404);
        check(problems, "POST", "/api/proposals/{proposalId}/reject", "/api/proposals/nothing-" + Ids.random() + "/reject",
                "{\"reason\": \"not now\"}", 404);
        check(problems, "POST", "/api/escalations/{escalationId}/resolve", "/api/escalations/nothing-" + Ids.random() + "/resolve",
                "{\"resolvedBy\": \"nurse-joy\", \"note\": \"called back\"}", 404);
        // Erasure of the user made above
        check(problems, "DELETE", "/api/users/{userId}", "/api/users/" + user, null, 200);

        assertThat(problems).as("answers that drifted from openapi.yaml").isEmpty();
    }

    /** Calls the route, expects the status, and checks the body against the document; returns the body. */
    private JsonNode check(List<String> problems, String method, String template, String path, String body, int status) {
        Reply reply = call(method, path, body);
        if (reply.status() != status) {
            problems.add(method + " " + path + " answered " + reply.status() + ", expected " + status + ": " + reply.body());
            return reply.body();
        }
        problems.addAll(document.checkResponse(method, template, reply.status(), reply.body()));
        return reply.body();
    }

    private static HttpResponse<byte[]> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(LocalRunner.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
