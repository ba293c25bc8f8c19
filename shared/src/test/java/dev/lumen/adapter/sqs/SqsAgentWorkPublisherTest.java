package dev.lumen.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import dev.lumen.testing.LocalSqs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.Message;

/** The agent-work publisher against a real SQS API (ElasticMQ), and its message body. */
class SqsAgentWorkPublisherTest {
    private static final AgentWork WORK = new AgentWork(AgentType.GUARDIAN, WorkKind.CYCLE, "cycle-2026-12-07T09-30-00Z",
            Trigger.SCHEDULE, Instant.parse("2026-12-07T09:30:00Z"));

    @Test
    void publishedWorkArrivesAsOneMessageThatReadsBackEqual() throws Exception {
        LocalSqs.Queues queue = LocalSqs.newQueueWithDeadLetters("agent-work", 1800, 3);

        new SqsAgentWorkPublisher(LocalSqs.client(), queue.url()).publish(WORK);

        List<Message> received = LocalSqs.client().receiveMessage(r -> r.queueUrl(queue.url())
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(received).hasSize(1);
        JsonNode body = new ObjectMapper().readTree(received.get(0).body());
        assertThat(body.path("agent").asText()).isEqualTo("guardian");
        assertThat(body.path("kind").asText()).isEqualTo("cycle");
        assertThat(body.path("trigger").asText()).isEqualTo("schedule");
        assertThat(body.path("key").asText()).isEqualTo("cycle-2026-12-07T09-30-00Z");
        assertThat(AgentWorkJson.read(received.get(0).body())).isEqualTo(WORK);
    }

    @Test
    void aMissingQueueFailsThePublish() {
        String missing = LocalSqs.endpoint() + "/" + LocalSqs.ACCOUNT + "/no-such-agent-work-queue";
        assertThatThrownBy(() -> new SqsAgentWorkPublisher(LocalSqs.client(), missing).publish(WORK))
                .isInstanceOf(SdkException.class);
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        assertThat(AgentWorkJson.read(AgentWorkJson.write(WORK))).isEqualTo(WORK);
        assertThatThrownBy(() -> AgentWorkJson.read("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> AgentWorkJson.read("[]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> AgentWorkJson.read(AgentWorkJson.write(WORK).replace("guardian", "overlord")))
                .hasMessageContaining("agent").hasMessageContaining("overlord");
        assertThatThrownBy(() -> AgentWorkJson.read(AgentWorkJson.write(WORK).replace("\"cycle\"", "\"nap\"")))
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> AgentWorkJson.read(AgentWorkJson.write(WORK).replace("cycle-2026", "cycle#2026")))
                .hasMessageContaining("key");
        assertThatThrownBy(() -> AgentWorkJson.read(AgentWorkJson.write(WORK).replace("2026-12-07T09:30:00Z", "yesterday")))
                .hasMessageContaining("requestedAt");
        assertThatThrownBy(() -> AgentWorkJson.read("{\"agent\":\"guardian\"}")).hasMessageContaining("key");
    }
}
