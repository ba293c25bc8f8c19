package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The runner as a client sees it, over HTTP on 127.0.0.1. */
@ExtendWith(LocalRunner.class)
class LocalRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void health_answers_through_the_http_api() throws Exception {
        // WHEN
        HttpResponse<String> response = send(request("/api/health").GET());

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("checks").path("dynamodb").asText()).isEqualTo("ok");
    }

    @Test
    void cors_preflight_and_responses_follow_the_templates_cors_configuration() throws Exception {
        // WHEN a browser on another origin asks before a PUT, then sends a GET
        HttpResponse<String> preflight = send(request("/api/personality")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("origin", "http://localhost:5173")
                .header("access-control-request-method", "PUT"));
        HttpResponse<String> get = send(request("/api/health").GET().header("origin", "http://localhost:5173"));

        // THEN the runner answers the preflight itself, as API Gateway does, and marks the response
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("*");
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).hasValueSatisfying(v -> assertThat(v).contains("PUT"));
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).hasValueSatisfying(v -> assertThat(v).contains("content-type"));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("access-control-allow-origin")).contains("*");
    }

    @Test
    void an_unknown_route_is_a_404_json_error() throws Exception {
        // WHEN
        HttpResponse<String> response = send(request("/api/nothing-here").GET());

        // THEN
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("route_not_found");
    }

    @Test
    void a_known_path_with_the_wrong_method_is_a_405_json_error() throws Exception {
        // WHEN
        HttpResponse<String> response = send(request("/api/health").DELETE());

        // THEN
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET");
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void invoke_runs_a_function_on_a_sample_event_like_sam_local_invoke() throws Exception {
        // GIVEN: no content type, as `curl --data-binary @events/health.json` sends it
        HttpRequest.BodyPublisher event = HttpRequest.BodyPublishers.ofFile(EVENTS.resolve("health.json"));

        // WHEN
        HttpResponse<String> response = send(request("/invoke/HealthFunction").POST(event));

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amz-function-error")).isEmpty();
        assertThat(response.headers().firstValue("user-agent")).as("request headers are not echoed").isEmpty();
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("statusCode").asInt()).isEqualTo(200);
        assertThat(result.has("isBase64Encoded")).isTrue();
        assertThat(JSON.readTree(result.path("body").asText()).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void invoke_reports_unknown_functions_bad_events_wrong_methods_and_serves_nothing_outside_its_path() throws Exception {
        // WHEN
        HttpResponse<String> unknown = send(request("/invoke/NoSuchFunction").POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> badEvent = send(request("/invoke/HealthFunction").POST(HttpRequest.BodyPublishers.ofString("not json")));
        HttpResponse<String> wrongMethod = send(request("/invoke/HealthFunction").GET());
        HttpResponse<String> outsideInvokePath = send(request("/HealthFunction").POST(HttpRequest.BodyPublishers.ofString("{}")));

        // THEN
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").path("code").asText()).isEqualTo("function_not_found");
        assertThat(badEvent.headers().firstValue("x-amz-function-error")).contains("Unhandled");
        assertThat(JSON.readTree(badEvent.body()).path("errorType").asText()).isEqualTo("InvalidRequestContentException");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(outsideInvokePath.body()).path("error").path("code").asText())
                .as("functions are served under /invoke only").isEqualTo("route_not_found");
    }

    @Test
    void everything_listens_on_loopback() {
        // WHEN
        URI api = URI.create(LocalRunner.baseUrl());

        // THEN
        assertThat(api.getHost()).isEqualTo("127.0.0.1");
        assertThat(LocalRunner.runner().dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(LocalRunner.runner().tableName()).isEqualTo("lumen-test");
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(LocalRunner.baseUrl() + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
