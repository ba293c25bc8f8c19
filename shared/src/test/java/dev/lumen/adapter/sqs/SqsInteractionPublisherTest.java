package dev.lumen.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.testing.LocalSqs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.Message;

/** The publisher against a real SQS API (ElasticMQ). */
class SqsInteractionPublisherTest {

    @Test
    void a_published_interaction_arrives_as_one_message_the_worker_can_read() {
        // GIVEN
        LocalSqs.Queues queue = LocalSqs.newQueueWithDeadLetters("interactions", 30, 3);
        InteractionRecorded interaction = InteractionJsonTest.interaction();

        // WHEN
        new SqsInteractionPublisher(LocalSqs.client(), queue.url()).publish(interaction);

        // THEN
        List<Message> received = LocalSqs.client().receiveMessage(request -> request.queueUrl(queue.url())
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertThat(received).hasSize(1);
        assertThat(InteractionJson.read(received.get(0).body())).isEqualTo(interaction);
    }

    @Test
    void a_failed_publish_is_logged_with_the_interaction_id_and_rethrown() {
        // GIVEN a queue that does not exist (deleted, or a wrong URL in the configuration)
        String missing = LocalSqs.endpoint() + "/" + LocalSqs.ACCOUNT + "/no-such-queue";
        var publisher = new SqsInteractionPublisher(LocalSqs.client(), missing);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;

        // WHEN
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> publisher.publish(InteractionJsonTest.interaction()))
                    // THEN
                    .isInstanceOf(SdkException.class);
        } finally {
            System.setErr(stderr);
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("WARN")
                .contains("message not published")
                .contains("interactionId=msg-2");
    }
}
