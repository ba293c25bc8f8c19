package dev.lumen.local.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.local.template.HttpRoute;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.ScheduleSpec;
import dev.lumen.local.template.SqsEventSpec;
import dev.lumen.local.ws.WebSocketRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code events/} is an event {@code sam local invoke <Function> -e events/<file>} can
 * pass as is: one of the shapes Lambda hands Lumen's functions (HTTP API payload 2.0, SQS batch,
 * EventBridge schedule, API Gateway WebSocket), and it names something the template has: a route
 * of exactly one function, a queue a function consumes, a function's schedule, a WebSocket route.
 * SAM sends the file's JSON unchanged, so the shape is all that decides whether it works.
 */
class SamEventsTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(DockerFiles.TEMPLATE);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> events() throws IOException {
        try (Stream<Path> files = Files.list(DockerFiles.PROJECT.resolve("events"))) {
            List<Path> json = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
            assertThat(json).isNotEmpty();
            return json.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void is_an_event_of_a_function_in_the_template(Path file) throws IOException {
        JsonNode event = JSON.readTree(file.toFile());
        Optional<String> function;
        if (event.path("version").asText().equals("2.0") && event.has("routeKey")) {
            function = httpFunction(event);
        } else if (event.path("Records").isArray() && event.path("Records").size() > 0) {
            function = sqsFunction(event);
        } else if (event.path("detail-type").asText().equals("Scheduled Event")) {
            function = scheduledFunction(event);
        } else if (event.path("requestContext").has("connectionId")) {
            function = webSocketFunction(event);
        } else {
            throw new AssertionError(file.getFileName() + " is none of the event shapes Lumen's functions receive");
        }
        assertThat(function).as("%s: the function `sam local invoke` should get it", file.getFileName()).isPresent();
    }

    /** HTTP API payload 2.0: the route key is one of the template's routes, and the raw path fits its template. */
    private static Optional<String> httpFunction(JsonNode event) {
        String routeKey = event.path("routeKey").asText();
        JsonNode http = event.path("requestContext").path("http");
        assertThat(routeKey).startsWith(http.path("method").asText() + " ");
        assertThat(event.path("rawPath").asText()).isEqualTo(http.path("path").asText());
        assertThat(event.path("isBase64Encoded").isBoolean()).as("isBase64Encoded").isTrue();
        assertThat(event.path("body").isMissingNode() || event.path("body").isTextual()).as("body is a string").isTrue();
        List<HttpRoute> routes = TEMPLATE.httpRoutes().stream().filter(route -> route.routeKey().equals(routeKey)).toList();
        assertThat(routes).as("routes with key %s", routeKey).hasSize(1);
        String pattern = routes.get(0).path().replaceAll("\\{[^}/]+\\+}", ".+").replaceAll("\\{[^}/]+}", "[^/]+");
        assertThat(event.path("rawPath").asText()).matches(pattern);
        return Optional.of(routes.get(0).functionId());
    }

    /** SQS: records from a queue of the template that a function consumes, bodies as strings. */
    private static Optional<String> sqsFunction(JsonNode event) {
        List<String> functions = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
            assertThat(record.path("body").isTextual()).isTrue();
            assertThat(record.path("messageId").asText()).isNotBlank();
            String queueName = record.path("eventSourceARN").asText().replaceAll(".*:", "");
            TEMPLATE.sqsEvents().stream()
                    .filter(source -> queueName.matches("(.*-)?" + source.queueId() + "(-[A-Za-z0-9]+)?"))
                    .map(SqsEventSpec::functionId).forEach(functions::add);
        }
        return functions.stream().distinct().reduce((a, b) -> {
            throw new AssertionError("records for two functions: " + a + ", " + b);
        });
    }

    /** EventBridge schedule: the rule in resources is one of a function's Schedule events (CloudFormation names it after both). */
    private static Optional<String> scheduledFunction(JsonNode event) {
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
        String rule = event.path("resources").path(0).asText();
        return TEMPLATE.schedules().stream()
                .filter(schedule -> rule.contains(schedule.functionId() + schedule.eventName()))
                .map(ScheduleSpec::functionId).findFirst();
    }

    /** WebSocket: the route key is one the template's WebSocket API routes to a function. */
    private static Optional<String> webSocketFunction(JsonNode event) {
        JsonNode context = event.path("requestContext");
        assertThat(context.path("eventType").asText()).isIn("CONNECT", "MESSAGE", "DISCONNECT");
        WebSocketRoutes routes = WebSocketRoutes.of(TEMPLATE).orElseThrow();
        return Optional.ofNullable(routes.functions().get(context.path("routeKey").asText()));
    }
}
