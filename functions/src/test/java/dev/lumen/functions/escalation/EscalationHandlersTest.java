package dev.lumen.functions.escalation;

import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.contract.EscalationRepositoryContract;
import dev.lumen.domain.escalation.EscalationStatus;
import dev.lumen.domain.escalation.Escalations;
import dev.lumen.fakes.InMemoryEscalationRepository;
import dev.lumen.fakes.RecordingEscalationPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscalationHandlersTest {
    private final InMemoryEscalationRepository repository = new InMemoryEscalationRepository();
    private final Escalations escalations = new Escalations(repository, new RecordingEscalationPublisher(), Clock.systemUTC());
    private final ListEscalationsHandler list = new ListEscalationsHandler(escalations);
    private final ResolveEscalationHandler resolve = new ResolveEscalationHandler(escalations);

    @BeforeEach
    void raiseTwo() {
        Instant now = Instant.now();
        escalations.raise(EscalationRepositoryContract.escalation("esc-older", now.minusSeconds(60), "user-1"));
        escalations.raise(EscalationRepositoryContract.escalation("esc-7f3k2m9q", now, "user-2"));
    }

    @Test
    void listShowsOpenEscalationsNewestFirstInTheDocumentedShape() {
        // WHEN
        APIGatewayV2HTTPResponse response = list.handleRequest(event("list-escalations.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("open");
        assertThat(body.path("escalations").findValuesAsText("escalationId")).containsExactly("esc-7f3k2m9q", "esc-older");
        JsonNode first = body.path("escalations").get(0);
        assertThat(first.path("severity").asText()).isEqualTo("HIGH");
        assertThat(first.path("sessionId").asText()).isEqualTo("s1");
        assertThat(first.path("notified").asBoolean()).isTrue();
        assertThat(first.path("evidence").size()).isEqualTo(2);
        assertThat(first.has("resolvedAt")).isFalse();
    }

    @Test
    void resolveMarksItResolvedThenItIs409AndUnknownIs404() {
        // WHEN
        APIGatewayV2HTTPResponse response = resolve.handleRequest(event("resolve-escalation.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(body.path("resolvedBy").asText()).isEqualTo("nurse-joy");
        assertThat(body.path("note").asText()).startsWith("Called the user back");
        assertThat(repository.list(EscalationStatus.RESOLVED, 10)).hasSize(1);

        assertError(resolve.handleRequest(event("resolve-escalation.json"), null), 409, "already resolved");
        APIGatewayV2HTTPEvent unknown = event("resolve-escalation.json");
        unknown.setPathParameters(Map.of("escalationId", "esc-unknown"));
        assertError(resolve.handleRequest(unknown, null), 404, "esc-unknown");
    }

    @Test
    void anEmptyBodyResolvesWithoutWhoOrWhy() {
        APIGatewayV2HTTPResponse response = resolve.handleRequest(withBody("resolve-escalation.json", null), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).has("resolvedBy")).isFalse();
    }

    @Test
    void badInputIs400AndChangesNothing() {
        APIGatewayV2HTTPEvent badStatus = event("list-escalations.json");
        badStatus.setQueryStringParameters(Map.of("status", "closed"));
        assertError(list.handleRequest(badStatus, null), 400, "'status'");
        APIGatewayV2HTTPEvent badLimit = event("list-escalations.json");
        badLimit.setQueryStringParameters(Map.of("limit", "500"));
        assertError(list.handleRequest(badLimit, null), 400, "'limit'");
        assertError(resolve.handleRequest(withBody("resolve-escalation.json", "{\"note\":7}"), null), 400, "'note'");
        assertError(resolve.handleRequest(withBody("resolve-escalation.json", "not json"), null), 400, "JSON");
        APIGatewayV2HTTPEvent badId = event("resolve-escalation.json");
        badId.setPathParameters(Map.of("escalationId", "esc#1"));
        assertError(resolve.handleRequest(badId, null), 400, "'escalationId'");
        assertThat(repository.list(EscalationStatus.OPEN, 10)).hasSize(2);
    }
}
