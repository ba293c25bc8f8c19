package dev.lumen.functions.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lumen.domain.agent.AgentRun;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule handler (only enqueues) and the worker (runs each work once, partial batch failures). */
class AgentWorkerHandlersTest {
    private final AgentPlatformFixture platform = new AgentPlatformFixture();

    @Test
    void aScheduleQueuesTheAgentsWorkKeyedByTheEventTimeAndRunsNothing() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/schedule-agent.json");

        List<String> queued = new AgentScheduleHandler(platform.cycles, List.of(AgentType.GUARDIAN), WorkKind.CYCLE)
                .handleRequest(event, null);

        assertThat(queued).containsExactly("guardian-cycle-2026-12-07T09-30-00Z");
        assertThat(platform.publisher.published()).containsExactly(new AgentWork(AgentType.GUARDIAN, WorkKind.CYCLE,
                "guardian-cycle-2026-12-07T09-30-00Z", Trigger.SCHEDULE, Instant.parse("2026-12-07T09:30:00Z")));
        assertThat(platform.guardianCycles).hasValue(0);
        assertThat(platform.runs.runs(AgentType.GUARDIAN, 10)).isEmpty();
    }

    @Test
    void theExamScheduleQueuesAnExamForEveryAgent() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/schedule-agent.json");

        List<String> queued = new AgentScheduleHandler(platform.cycles, AgentScheduleHandler.agents("all"),
                AgentScheduleHandler.kind("exam")).handleRequest(event, null);

        assertThat(queued).containsExactly("imperium-exam-2026-12-07T09-30-00Z", "guardian-exam-2026-12-07T09-30-00Z",
                "sandbox-exam-2026-12-07T09-30-00Z", "conquest-exam-2026-12-07T09-30-00Z");
        assertThat(platform.publisher.published()).extracting(AgentWork::agent).containsExactly(AgentType.values());
    }

    @Test
    void badScheduleSettingsStopTheFunctionAtStart() {
        assertThatThrownBy(() -> AgentScheduleHandler.agents("overlord")).hasMessageContaining("LUMEN_AGENT");
        assertThatThrownBy(() -> AgentScheduleHandler.kind("nap")).hasMessageContaining("LUMEN_AGENT_WORK");
        assertThat(AgentScheduleHandler.agents(" Sandbox ")).containsExactly(AgentType.SANDBOX);
        ScheduledEvent timeless = new ScheduledEvent();
        assertThatThrownBy(() -> new AgentScheduleHandler(platform.cycles, List.of(AgentType.GUARDIAN), WorkKind.CYCLE)
                .handleRequest(timeless, null)).hasMessageContaining("time");
    }

    @Test
    void theWorkerRunsTheWorkOnceHoweverOftenItIsDelivered() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-agent-work.json");
        AgentWorkerHandler worker = new AgentWorkerHandler(platform.cycles);

        SQSBatchResponse first = worker.handleRequest(event, null);
        SQSBatchResponse second = worker.handleRequest(EventLoader.loadSQSEvent("events/sqs-agent-work.json"), null);

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(platform.guardianCycles).hasValue(1);
        assertThat(platform.runs.runs(AgentType.GUARDIAN, 10)).singleElement().satisfies(run -> {
            assertThat(run.runId()).isEqualTo("guardian-cycle-2026-12-07T09-30-00Z");
            assertThat(run.outcome()).isEqualTo(AgentRun.Outcome.SUCCEEDED);
        });
    }

    @Test
    void unreadableWorkAndUnrecordableRunsAreBatchItemFailuresAFailingAgentIsNot() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-agent-work.json");
        SQSEvent.SQSMessage good = event.getRecords().get(0);
        SQSEvent.SQSMessage garbled = copy(good, "m-garbled", "{not json");
        SQSEvent.SQSMessage failing = copy(good, "m-conquest", good.getBody().replace("guardian", "conquest"));
        event.setRecords(List.of(garbled, failing));

        SQSBatchResponse response = new AgentWorkerHandler(platform.cycles).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-garbled");
        assertThat(platform.runs.last(AgentType.CONQUEST).orElseThrow().outcome()).isEqualTo(AgentRun.Outcome.FAILED);

        // the table down: the run cannot be recorded, so SQS must retry
        platform.runs.failing(true);
        SQSEvent again = EventLoader.loadSQSEvent("events/sqs-agent-work.json");
        assertThat(new AgentWorkerHandler(platform.cycles).handleRequest(again, null).getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(again.getRecords().get(0).getMessageId());
        assertThat(platform.guardianCycles).hasValue(0);
    }

    private static SQSEvent.SQSMessage copy(SQSEvent.SQSMessage message, String id, String body) {
        SQSEvent.SQSMessage copy = new SQSEvent.SQSMessage();
        copy.setMessageId(id);
        copy.setBody(body);
        copy.setAttributes(message.getAttributes());
        return copy;
    }
}
