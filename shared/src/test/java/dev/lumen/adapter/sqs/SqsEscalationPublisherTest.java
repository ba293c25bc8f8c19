package dev.lumen.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.contract.EscalationRepositoryContract;
import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationRepository;
import dev.lumen.domain.escalation.Escalations;
import dev.lumen.fakes.InMemoryEscalationRepository;
import dev.lumen.testing.LocalSqs;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.Message;

/** The escalation publisher against a real SQS API (ElasticMQ). */
class SqsEscalationPublisherTest {

    @Test
    void aPublishedEscalationArrivesAsOneMessageNamingTheConversation() throws Exception {
        // GIVEN
        LocalSqs.Queues queue = LocalSqs.newQueueWithDeadLetters("escalations", 300, 3);
        Escalation escalation = EscalationRepositoryContract.escalation("esc-1",
                Instant.parse("2026-12-01T10:00:00Z"), "u1");

        // WHEN
        new SqsEscalationPublisher(LocalSqs.client(), queue.url()).publish(escalation);

        // THEN
        List<Message> received = LocalSqs.client().receiveMessage(request -> request.queueUrl(queue.url())
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(received).hasSize(1);
        JsonNode body = new ObjectMapper().readTree(received.get(0).body());
        assertThat(body.path("type").asText()).isEqualTo("crisis-escalation");
        assertThat(body.path("escalationId").asText()).isEqualTo("esc-1");
        assertThat(body.path("severity").asText()).isEqualTo("HIGH");
        assertThat(body.path("categories").toString()).isEqualTo("[\"ACUTE_CRISIS\",\"SUICIDE_SELF_HARM\"]");
        assertThat(body.path("sessionId").asText()).isEqualTo("s1");
        assertThat(body.path("userId").asText()).isEqualTo("u1");
        assertThat(body.path("createdAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
    }

    @Test
    void aQueueThatIsMissingLeavesTheStoredEscalationForTheSweeper() {
        // GIVEN a queue URL that does not exist
        String missing = LocalSqs.endpoint() + "/" + LocalSqs.ACCOUNT + "/no-such-escalations-queue";
        EscalationRepository repository = new InMemoryEscalationRepository();
        Escalations escalations = new Escalations(repository,
                new SqsEscalationPublisher(LocalSqs.client(), missing), Clock.systemUTC());
        Escalation escalation = EscalationRepositoryContract.escalation("esc-2", Instant.now(), "u1");

        // WHEN
        Escalation raised = escalations.raise(escalation);

        // THEN raising does not throw; the record is stored and waits un-notified
        assertThat(raised.notified()).isFalse();
        assertThat(repository.unnotified(10)).extracting(Escalation::escalationId).containsExactly("esc-2");
        assertThatThrownBy(() -> new SqsEscalationPublisher(LocalSqs.client(), missing).publish(escalation))
                .isInstanceOf(SdkException.class);
    }
}
