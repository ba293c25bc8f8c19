package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.adapter.sqs.AgentWorkJson;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent platform through the local runner: a cycle asked for over HTTP goes through the
 * agent-work queue to the worker and is recorded; schedules only enqueue; the same scheduled work
 * delivered twice runs once; status, runs, the database probe and the service status answer.
 *
 * <p>Apart from the Guardian cycle asked for over HTTP (SUCCEEDED), the assertions hold for any
 * terminal outcome (an agent not plugged into {@code Components.agent(...)} ends FAILED,
 * {@code agent_not_built}); what each agent finds is the agents' own tests' business. The runner is shared by the module's test classes, so runs
 * here are looked up by their run id, never counted.
 */
@ExtendWith(LocalRunner.class)
class AgentPlatformTest {
    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "PARTIAL", "FAILED");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static EndToEndTest.Reply call(String method, String path, String body) {
        return EndToEndTest.call(method, path, body);
    }

    /** The agent's run with this id once it matches, polling until the deadline. */
    private static JsonNode awaitRun(String agent, String runId, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            EndToEndTest.Reply runs = call("GET", "/api/agents/" + agent + "/runs?limit=100", null);
            assertThat(runs.status()).isEqualTo(200);
            for (JsonNode run : runs.body().path("runs")) {
                if (run.path("runId").asText().equals(runId)) {
                    last = run;
                    if (done.test(run)) {
                        return run;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + agent + "/" + runId + " not done within " + DEADLINE + "; last seen: " + last);
    }

    private static boolean finished(JsonNode run) {
        return TERMINAL.contains(run.path("outcome").asText());
    }

    private static List<String> runIds(String agent) {
        List<String> ids = new ArrayList<>();
        call("GET", "/api/agents/" + agent + "/runs?limit=100", null).body().path("runs")
                .forEach(run -> ids.add(run.path("runId").asText()));
        return ids;
    }

    @Test
    void aCycleAskedForOverHttpIsQueuedRunAndRecorded() throws InterruptedException {
        // WHEN
        EndToEndTest.Reply queued = call("POST", "/api/agents/guardian/cycle", null);

        // THEN 202 names the run, and the worker records it to the end
        assertThat(queued.status()).as(queued.body().toString()).isEqualTo(202);
        assertThat(queued.body().path("agent").asText()).isEqualTo("guardian");
        assertThat(queued.body().path("kind").asText()).isEqualTo("cycle");
        assertThat(queued.body().path("status").asText()).isEqualTo("QUEUED");
        String runId = queued.body().path("runId").asText();
        assertThat(runId).startsWith("manual-");
        JsonNode run = awaitRun("guardian", runId, AgentPlatformTest::finished);
        // The Guardian agent is plugged in (Components.agent): its cycle over the shared runner's history
        // succeeds. Were it missing, the run would still end, FAILED with agent_not_built.
        assertThat(run.path("outcome").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("errors")).isEmpty();
        assertThat(run.path("agent").asText()).isEqualTo("guardian");
        assertThat(run.path("kind").asText()).isEqualTo("cycle");
        assertThat(run.path("trigger").asText()).isEqualTo("manual");
        Instant started = Instant.parse(run.path("startedAt").asText());
        Instant ended = Instant.parse(run.path("endedAt").asText());
        assertThat(ended).isAfterOrEqualTo(started);
        assertThat(started).isAfterOrEqualTo(Instant.parse(run.path("requestedAt").asText()));
        assertThat(run.path("summary").asText()).isNotBlank();
    }

    @Test
    void aScheduleOnlyQueuesAndTheWorkerRunsIt(LumenLocal runner) throws InterruptedException {
        // GIVEN the template's five agent schedules are emulated (each fires first one period after start)
        assertThat(runner.scheduler().active()).contains("ImperiumAgentFunction.Cycle", "GuardianAgentFunction.Cycle",
                "SandboxAgentFunction.Cycle", "ConquestAgentFunction.Cycle", "CustodyExamScheduleFunction.Exam");

        // WHEN the Conquest schedule fires (as EventBridge would)
        @SuppressWarnings("unchecked")
        List<String> queued = (List<String>) runner.scheduler().fireNow("ConquestAgentFunction", "Cycle");

        // THEN it queued one cycle keyed by the scheduled time, which the worker ran for Conquest
        assertThat(queued).singleElement().asString().matches("conquest-cycle-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ");
        JsonNode run = awaitRun("conquest", queued.get(0), AgentPlatformTest::finished);
        assertThat(run.path("trigger").asText()).isEqualTo("schedule");

        // (The examination schedule is not fired here: examinations move the agents' custody standing,
        // which other test classes of this shared runner rely on. AgentWorkerHandlersTest covers it.)
    }

    @Test
    void theSameScheduledWorkDeliveredTwiceRunsOnce(LumenLocal runner) throws InterruptedException {
        // GIVEN one scheduled Sandbox cycle, sent twice onto the queue (a duplicate delivery)
        Instant scheduled = Instant.parse("2026-01-05T10:15:00Z");
        AgentWork work = new AgentWork(AgentType.SANDBOX, WorkKind.CYCLE, "sandbox-cycle-2026-01-05T10-15-00Z", Trigger.SCHEDULE, scheduled);
        String url = runner.queues().url("AgentWorkQueue");
        for (int i = 0; i < 2; i++) {
            runner.queues().client().sendMessage(r -> r.queueUrl(url).messageBody(AgentWorkJson.write(work)));
        }

        // WHEN the worker has taken both
        JsonNode run = awaitRun("sandbox", work.key(), AgentPlatformTest::finished);
        assertThat(runner.queues().awaitDrained("AgentWorkQueue", Duration.ofSeconds(30))).isTrue();

        // THEN one run, unchanged by the second delivery
        assertThat(runIds("sandbox")).filteredOn(work.key()::equals).hasSize(1);
        JsonNode after = awaitRun("sandbox", work.key(), AgentPlatformTest::finished);
        assertThat(after.path("startedAt").asText()).isEqualTo(run.path("startedAt").asText());
        assertThat(after.path("endedAt").asText()).isEqualTo(run.path("endedAt").asText());
        assertThat(after.path("requestedAt").asText()).isEqualTo("2026-01-05T10:15:00Z");
        assertThat(runner.queues().depth("AgentWorkDeadLetterQueue")).isZero();
    }

    @Test
    void statusListsTheFourAgentsWithPlausibleFields() {
        EndToEndTest.Reply status = call("GET", "/api/agents/status", null);

        assertThat(status.status()).isEqualTo(200);
        JsonNode agents = status.body().path("agents");
        assertThat(agents).extracting(a -> a.path("agent").asText()).containsExactly("imperium", "guardian", "sandbox", "conquest");
        for (JsonNode agent : agents) {
            assertThat(agent.path("periodMinutes").asInt()).as(agent.toString()).isPositive();
            assertThat(agent.path("level").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(agent.path("xp").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(agent.path("eligible").isBoolean()).isTrue();
            if (agent.has("successRate")) {
                assertThat(agent.path("successRate").asDouble()).isBetween(0.0, 1.0);
            }
        }
        // the template's schedules: Imperium 30, Guardian 15, Sandbox 45, Conquest 20 minutes
        assertThat(agents).extracting(a -> a.path("periodMinutes").asInt()).containsExactly(30, 15, 45, 20);
    }

    @Test
    void databaseHealthAndServiceStatusAnswer() {
        EndToEndTest.Reply database = call("GET", "/api/database/health", null);
        assertThat(database.status()).isEqualTo(200);
        assertThat(database.body().path("status").asText()).isEqualTo("ok");
        assertThat(database.body().path("tableStatus").asText()).isEqualTo("ACTIVE");
        assertThat(database.body().path("latencyMs").asLong()).isBetween(0L, 2_000L);

        EndToEndTest.Reply status = call("GET", "/api/status", null);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().path("service").asText()).isEqualTo("lumen");
        assertThat(status.body().path("stage").asText()).isEqualTo("local");
        assertThat(status.body().path("version").asText()).isNotBlank();
        assertThat(status.body().path("status").asText()).isEqualTo("ok");
        assertThat(status.body().path("queues").has("agent-work")).isTrue();
        assertThat(status.body().path("queues").has("interactions")).isTrue();
        assertThat(status.body().path("agents")).hasSize(4);
    }

    @Test
    void anUnknownAgentIs400AndQueuesNothing(LumenLocal runner) {
        long before = runner.queues().depth("AgentWorkQueue");

        EndToEndTest.Reply unknown = call("POST", "/api/agents/overlord/cycle", null);
        EndToEndTest.Reply badKind = call("POST", "/api/agents/guardian/cycle", "{\"kind\":\"nap\"}");
        EndToEndTest.Reply unknownRuns = call("GET", "/api/agents/overlord/runs", null);

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/error/code").asText()).isEqualTo("invalid_agent");
        assertThat(unknown.body().at("/error/message").asText()).contains("'agent'", "guardian");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.body().at("/error/message").asText()).contains("'kind'");
        assertThat(unknownRuns.status()).isEqualTo(400);
        assertThat(runner.queues().depth("AgentWorkQueue")).isLessThanOrEqualTo(before);
    }
}
