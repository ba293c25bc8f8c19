package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.local.EndToEndTest.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The custody routes through the local runner: the reports' shapes, a bad agent refused, and an
 * examination asked for over HTTP, run by the agent worker from the agent-work queue and then seen
 * in the overview, the analytics and the recommendations.
 */
@ExtendWith(LocalRunner.class)
class CustodyApiTest {

    @Test
    void theReportsHaveTheirShapes() {
        Reply overview = call("GET", "/api/custody", null);
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body().path("agents")).hasSize(4);
        assertThat(overview.body().path("agents").findValuesAsText("agent"))
                .containsExactly("imperium", "guardian", "sandbox", "conquest");

        Reply categories = call("GET", "/api/custody/test-categories", null);
        assertThat(categories.status()).isEqualTo(200);
        assertThat(categories.body().path("categories")).hasSize(8);
        int total = 0;
        for (JsonNode category : categories.body().path("categories")) {
            assertThat(category.path("description").asText()).isNotBlank();
            assertThat(category.at("/tiers/EXPERT").asInt()).isGreaterThanOrEqualTo(5);
            total += category.path("tests").asInt();
        }
        assertThat(total).isGreaterThanOrEqualTo(160);

        Reply analytics = call("GET", "/api/custody/analytics?limit=5", null);
        assertThat(analytics.status()).isEqualTo(200);
        assertThat(analytics.body().path("limit").asInt()).isEqualTo(5);
        assertThat(analytics.body().path("agents")).hasSize(4);

        Reply recommendations = call("GET", "/api/custody/recommendations?agent=sandbox", null);
        assertThat(recommendations.status()).isEqualTo(200);
        assertThat(recommendations.body().path("agents")).hasSize(1);
        assertThat(recommendations.body().at("/agents/0/agent").asText()).isEqualTo("sandbox");
    }

    @Test
    void anUnknownAgentIsA400() {
        for (Reply reply : new Reply[] {call("POST", "/api/custody/test/skynet", null),
                call("GET", "/api/custody/analytics?agent=skynet", null),
                call("GET", "/api/custody/recommendations?agent=", null)}) {
            assertThat(reply.status()).isEqualTo(400);
        }
        assertThat(call("POST", "/api/custody/test/skynet", null).body().at("/error/code").asText()).isEqualTo("invalid_agent");
    }

    @Test
    void anExaminationAskedOverHttpIsRunByTheWorkerAndReported() throws InterruptedException {
        // WHEN Guardian's examination is asked for
        Reply queued = call("POST", "/api/custody/test/guardian", null);
        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.body().path("status").asText()).isEqualTo("QUEUED");
        String runId = queued.body().path("runId").asText();

        // THEN the worker runs it and the overview shows it
        JsonNode guardian = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            guardian = call("GET", "/api/custody", null).body().path("agents").get(1);
            if (runId.equals(guardian.path("lastRunId").asText())) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(guardian.path("lastRunId").asText()).as("guardian's last run").isEqualTo(runId);
        assertThat(guardian.path("xp").asLong()).isPositive();
        assertThat(guardian.at("/categoryScores/security-awareness").asDouble()).isGreaterThan(0.5);
        assertThat(guardian.at("/categoryScores/performance-optimization").asDouble()).isLessThan(0.5);
        // AND the analytics and recommendations read it
        JsonNode trend = call("GET", "/api/custody/analytics?agent=guardian", null).body().at("/agents/0");
        assertThat(trend.path("runs").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode advice = call("GET", "/api/custody/recommendations?agent=guardian", null).body().at("/agents/0");
        assertThat(advice.path("lastRunId").asText()).isEqualTo(runId);
        assertThat(advice.path("failed")).isNotEmpty();
        assertThat(advice.path("weakest").findValuesAsText("category")).contains("performance-optimization");
    }

    @Test
    void sandboxAndImperiumCyclesRunThroughTheWorker() throws InterruptedException {
        // GIVEN every agent examined
        for (String agent : new String[] {"imperium", "guardian", "sandbox", "conquest"}) {
            assertThat(call("POST", "/api/custody/test/" + agent, null).status()).isEqualTo(202);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline) && !everyAgentExamined()) {
            Thread.sleep(250);
        }
        assertThat(everyAgentExamined()).as("every agent examined").isTrue();

        // WHEN a Sandbox and an Imperium cycle are asked for
        String sandboxRun = call("POST", "/api/agents/sandbox/cycle", null).body().path("runId").asText();
        String imperiumRun = call("POST", "/api/agents/imperium/cycle", null).body().path("runId").asText();

        // THEN Sandbox recorded an experiment, Imperium knowledge transfers with before/after scores
        JsonNode experiment = awaitFinding("sandbox", sandboxRun, "experiment");
        assertThat(experiment.path("evidence").path("hypothesis").asText()).isNotBlank();
        assertThat(experiment.path("evidence").has("pValue")).isTrue();
        JsonNode transfer = awaitFinding("imperium", imperiumRun, "knowledge_transfer");
        assertThat(transfer.at("/evidence/scoreAfter").asDouble()).isGreaterThan(transfer.at("/evidence/scoreBefore").asDouble());
    }

    private static boolean everyAgentExamined() {
        for (JsonNode agent : call("GET", "/api/custody", null).body().path("agents")) {
            if (agent.path("lastRunId").isNull() || agent.path("lastRunId").isMissingNode()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode awaitFinding(String agent, String runId, String kind) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode finding : call("GET", "/api/agents/" + agent + "/findings?limit=100", null).body().path("findings")) {
                if (runId.equals(finding.path("runId").asText()) && kind.equalsIgnoreCase(finding.path("kind").asText())) {
                    return finding;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + kind + " finding of " + agent + " run " + runId);
    }
}
