package dev.lumen.functions.agent;

import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentHandlersTest {
    private final AgentPlatformFixture platform = new AgentPlatformFixture();
    private final AgentCycleHandler cycle = new AgentCycleHandler(platform.cycles);
    private final AgentStatusHandler status = new AgentStatusHandler(platform.cycles);
    private final AgentRunsHandler runs = new AgentRunsHandler(platform.cycles);
    private final FindingsHandler findings = new FindingsHandler(platform.cycles);

    @Test
    void aCycleRequestIsQueuedAnd202NamesTheRun() {
        // WHEN
        APIGatewayV2HTTPResponse response = cycle.handleRequest(event("agent-cycle.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = json(response);
        assertThat(body.path("agent").asText()).isEqualTo("guardian");
        assertThat(body.path("kind").asText()).isEqualTo("cycle");
        assertThat(body.path("status").asText()).isEqualTo("QUEUED");
        AgentWork queued = platform.publisher.published().get(0);
        assertThat(body.path("runId").asText()).isEqualTo(queued.key()).startsWith("manual-");
        assertThat(queued.agent()).isEqualTo(AgentType.GUARDIAN);
        assertThat(queued.kind()).isEqualTo(WorkKind.CYCLE);
        assertThat(queued.trigger()).isEqualTo(Trigger.MANUAL);
    }

    @Test
    void anExamCanBeAskedForAndAnEmptyBodyMeansACycle() {
        assertThat(cycle.handleRequest(withBody("agent-cycle.json", "{\"kind\":\"EXAM\"}"), null).getStatusCode()).isEqualTo(202);
        assertThat(cycle.handleRequest(withBody("agent-cycle.json", null), null).getStatusCode()).isEqualTo(202);
        assertThat(cycle.handleRequest(withBody("agent-cycle.json", "  "), null).getStatusCode()).isEqualTo(202);

        assertThat(platform.publisher.published()).extracting(AgentWork::kind)
                .containsExactly(WorkKind.EXAM, WorkKind.CYCLE, WorkKind.CYCLE);
    }

    @Test
    void badInputIs400NamingTheFieldAndQueuesNothing() {
        APIGatewayV2HTTPEvent unknown = event("agent-cycle.json");
        unknown.setPathParameters(Map.of("agent", "overlord"));
        APIGatewayV2HTTPResponse response = cycle.handleRequest(unknown, null);
        assertError(response, 400, "'agent'");
        assertThat(json(response).at("/error/code").asText()).isEqualTo("invalid_agent");
        assertError(cycle.handleRequest(withBody("agent-cycle.json", "{\"kind\":\"nap\"}"), null), 400, "'kind'");
        assertError(cycle.handleRequest(withBody("agent-cycle.json", "{\"kind\":7}"), null), 400, "'kind'");
        assertError(cycle.handleRequest(withBody("agent-cycle.json", "{\"agent\":\"guardian\"}"), null), 400, "'agent'");
        assertError(cycle.handleRequest(withBody("agent-cycle.json", "{"), null), 400, "JSON");
        APIGatewayV2HTTPEvent badRunsLimit = event("agent-runs.json");
        badRunsLimit.setQueryStringParameters(Map.of("limit", "0"));
        assertError(runs.handleRequest(badRunsLimit, null), 400, "'limit'");
        APIGatewayV2HTTPEvent badKind = event("agent-findings.json");
        badKind.setQueryStringParameters(Map.of("kind", "gossip"));
        assertError(findings.handleRequest(badKind, null), 400, "'kind'");
        APIGatewayV2HTTPEvent badSince = event("agent-findings.json");
        badSince.setQueryStringParameters(Map.of("since", "yesterday"));
        assertError(findings.handleRequest(badSince, null), 400, "'since'");
        APIGatewayV2HTTPEvent unknownRuns = event("agent-runs.json");
        unknownRuns.setPathParameters(Map.of("agent", "bad#agent"));
        assertError(runs.handleRequest(unknownRuns, null), 400, "'agent'");

        assertThat(platform.publisher.published()).isEmpty();
    }

    @Test
    void onlyAdminsMayUseTheAgentRoutes() {
        assertThat(cycle.handleRequest(asUser(event("agent-cycle.json"), "user-1"), null).getStatusCode()).isEqualTo(403);
        assertThat(status.handleRequest(asUser(event("agent-status.json"), "user-1"), null).getStatusCode()).isEqualTo(403);
        assertThat(platform.publisher.published()).isEmpty();
    }

    @Test
    void runsAndFindingsShowWhatTheWorkerDid() {
        // GIVEN guardian ran once (a schedule), conquest failed once
        platform.cycles.execute(platform.cycles.request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.SCHEDULE,
                Instant.parse("2026-12-07T09:30:00Z")));
        platform.cycles.execute(platform.cycles.request(AgentType.CONQUEST, WorkKind.CYCLE, Trigger.MANUAL, null));

        // WHEN
        JsonNode guardianRuns = json(runs.handleRequest(event("agent-runs.json"), null));
        JsonNode found = json(findings.handleRequest(event("agent-findings.json"), null));
        APIGatewayV2HTTPEvent conquest = event("agent-runs.json");
        conquest.setPathParameters(Map.of("agent", "Conquest"));
        JsonNode conquestRuns = json(runs.handleRequest(conquest, null));

        // THEN
        assertThat(guardianRuns.path("agent").asText()).isEqualTo("guardian");
        JsonNode run = guardianRuns.path("runs").get(0);
        assertThat(run.path("runId").asText()).isEqualTo("guardian-cycle-2026-12-07T09-30-00Z");
        assertThat(run.path("kind").asText()).isEqualTo("cycle");
        assertThat(run.path("trigger").asText()).isEqualTo("schedule");
        assertThat(run.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("itemsRead").asInt()).isEqualTo(7);
        assertThat(run.path("itemsWritten").asInt()).isEqualTo(1);
        assertThat(run.path("endedAt").asText()).isNotBlank();
        assertThat(found.path("findings")).hasSize(1);
        assertThat(found.path("findings").get(0).path("kind").asText()).isEqualTo("security");
        assertThat(found.path("findings").get(0).path("severity").asText()).isEqualTo("HIGH");
        assertThat(found.path("findings").get(0).at("/evidence/chunkId").asText()).isEqualTo("c-1");
        assertThat(conquestRuns.path("agent").asText()).isEqualTo("conquest");
        assertThat(conquestRuns.at("/runs/0/outcome").asText()).isEqualTo("FAILED");
        assertThat(conquestRuns.at("/runs/0/errors/0").asText()).contains("usage ledger unreadable");
    }

    @Test
    void statusListsTheFourAgents() {
        platform.cycles.execute(platform.cycles.request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.SCHEDULE, Instant.now()));

        APIGatewayV2HTTPResponse response = status.handleRequest(event("agent-status.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode agents = json(response).path("agents");
        assertThat(agents).extracting(a -> a.path("agent").asText()).containsExactly("imperium", "guardian", "sandbox", "conquest");
        JsonNode guardian = agents.get(1);
        assertThat(guardian.at("/lastRun/outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(guardian.path("periodMinutes").asInt()).isEqualTo(15);
        assertThat(guardian.path("successRate").asDouble()).isEqualTo(1.0);
        assertThat(guardian.path("nextRunAt").asText()).isNotBlank();
        assertThat(guardian.path("level").asInt()).isEqualTo(1);
        assertThat(guardian.path("eligible").asBoolean()).isFalse();
        assertThat(agents.get(0).has("lastRun")).as("imperium never ran").isFalse();
    }
}
