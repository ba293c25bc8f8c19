package dev.lumen.functions.custody;

import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import dev.lumen.domain.custody.Custody;
import dev.lumen.domain.custody.Graders;
import dev.lumen.domain.custody.TestBank;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryExamTranscripts;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import dev.lumen.fakes.RecordingAgentWorkPublisher;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustodyHandlersTest {
    private static final OfflineChatModel MODEL = new OfflineChatModel();
    private static final Graders GRADERS = Graders.standard(MODEL);
    private static final TestBank BANK = TestBank.load(GRADERS);

    private final Custody custody = new Custody(BANK, GRADERS, MODEL, new InMemoryCustodyRepository(),
            new InMemoryExamTranscripts(), new InMemoryMentoringMaterial(), Clock.systemUTC());
    private final RecordingAgentWorkPublisher publisher = new RecordingAgentWorkPublisher();
    private final CustodyReportsHandler reports = new CustodyReportsHandler(custody);
    private final CustodyTestHandler test = new CustodyTestHandler(publisher);

    private static APIGatewayV2HTTPEvent withQuery(String name, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = event(name);
        event.setQueryStringParameters(query);
        return event;
    }

    @Test
    void aTestRequestQueuesAnExaminationAndAnswers202() {
        APIGatewayV2HTTPResponse response = test.handleRequest(event("custody-test.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = json(response);
        assertThat(body.path("agent").asText()).isEqualTo("guardian");
        assertThat(body.path("status").asText()).isEqualTo("QUEUED");
        assertThat(publisher.published()).singleElement().satisfies(work -> {
            assertThat(work.agent()).isEqualTo(AgentType.GUARDIAN);
            assertThat(work.kind()).isEqualTo(WorkKind.EXAM);
            assertThat(work.trigger()).isEqualTo(Trigger.MANUAL);
            assertThat(work.key()).isEqualTo(body.path("runId").asText()).startsWith("manual-");
        });
    }

    @Test
    void anUnknownAgentIs400AndQueuesNothing() {
        APIGatewayV2HTTPEvent bad = event("custody-test.json");
        bad.setPathParameters(Map.of("agentType", "skynet"));

        APIGatewayV2HTTPResponse response = test.handleRequest(bad, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid_agent");
        assertThat(publisher.published()).isEmpty();
        APIGatewayV2HTTPResponse badQuery = reports.handleRequest(
                withQuery("custody-analytics.json", Map.of("agent", "nobody")), null);
        assertThat(badQuery.getStatusCode()).isEqualTo(400);
        assertThat(json(badQuery).at("/error/code").asText()).isEqualTo("invalid_agent");
        assertThat(reports.handleRequest(withQuery("custody-analytics.json", Map.of("limit", "0")), null)
                .getStatusCode()).isEqualTo(400);
    }

    @Test
    void aBodyMayOnlyBeAnEmptyObject() {
        assertThat(test.handleRequest(dev.lumen.functions.HandlerFixture.withBody("custody-test.json", "{"), null)
                .getStatusCode()).isEqualTo(400);
        assertThat(test.handleRequest(dev.lumen.functions.HandlerFixture.withBody("custody-test.json", "{\"agent\":1}"), null)
                .getStatusCode()).isEqualTo(400);
        assertThat(publisher.published()).isEmpty();
        assertThat(test.handleRequest(dev.lumen.functions.HandlerFixture.withBody("custody-test.json", "{}"), null)
                .getStatusCode()).isEqualTo(202);
    }

    @Test
    void onlyAdminsMayAskOrRead() {
        assertThat(test.handleRequest(asUser(event("custody-test.json"), "user-1"), null).getStatusCode()).isEqualTo(403);
        assertThat(reports.handleRequest(asUser(event("custody-overview.json"), "user-1"), null).getStatusCode()).isEqualTo(403);
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void theReportsShowRecordedExaminations() {
        // GIVEN Guardian and Conquest examined (as the worker would)
        custody.examine(AgentType.GUARDIAN, "run-1");
        custody.examine(AgentType.CONQUEST, "run-2");

        // THEN the overview
        JsonNode overview = json(reports.handleRequest(event("custody-overview.json"), null));
        assertThat(overview.path("agents")).hasSize(4);
        JsonNode guardian = overview.path("agents").get(1);
        assertThat(guardian.path("agent").asText()).isEqualTo("guardian");
        assertThat(guardian.path("lastRunId").asText()).isEqualTo("run-1");
        assertThat(guardian.path("xp").asLong()).isPositive();
        assertThat(guardian.path("categoryScores").path("security-awareness").asDouble()).isGreaterThan(0.5);

        // AND analytics for Guardian only
        JsonNode analytics = json(reports.handleRequest(event("custody-analytics.json"), null));
        assertThat(analytics.path("limit").asInt()).isEqualTo(10);
        assertThat(analytics.path("agents")).hasSize(1);
        assertThat(analytics.at("/agents/0/categories/security-awareness/series")).hasSize(1);

        // AND the categories
        JsonNode categories = json(reports.handleRequest(event("custody-test-categories.json"), null));
        assertThat(categories.path("categories")).hasSize(8);
        assertThat(categories.at("/categories/0/tiers/BASIC").asInt()).isGreaterThanOrEqualTo(5);

        // AND the recommendations: Guardian should learn performance from Conquest
        JsonNode recommendations = json(reports.handleRequest(event("custody-recommendations.json"), null));
        assertThat(recommendations.path("agents")).hasSize(1);
        JsonNode weakest = recommendations.at("/agents/0/weakest");
        assertThat(weakest.findValuesAsText("category")).contains("performance-optimization");
        assertThat(recommendations.at("/agents/0/failed")).isNotEmpty();
        boolean conquestMentors = false;
        for (JsonNode weakness : weakest) {
            conquestMentors |= weakness.path("category").asText().equals("performance-optimization")
                    && weakness.path("mentor").asText().equals("conquest");
        }
        assertThat(conquestMentors).isTrue();
    }
}
