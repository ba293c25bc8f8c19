package dev.lumen.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.testing.LocalSqs;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Queue depth against a real SQS API (ElasticMQ). */
class SqsQueueDepthTest {

    @Test
    void depth_counts_waiting_and_in_flight_messages_until_they_are_deleted() {
        // GIVEN three messages, one of them received (in flight) by a worker
        LocalSqs.Queues queue = LocalSqs.newQueue("depth", 30);
        var depth = new SqsQueueDepth(LocalSqs.client(), queue.url());
        long empty = depth.approximateMessages();
        for (int i = 0; i < 3; i++) {
            int n = i;
            LocalSqs.client().sendMessage(request -> request.queueUrl(queue.url()).messageBody("m" + n));
        }
        List<Message> inFlight = LocalSqs.client().receiveMessage(request -> request.queueUrl(queue.url())
                .maxNumberOfMessages(1)).messages();

        // WHEN
        long withOneInFlight = depth.approximateMessages();
        LocalSqs.client().deleteMessage(request -> request.queueUrl(queue.url())
                .receiptHandle(inFlight.get(0).receiptHandle()));
        long afterDelete = depth.approximateMessages();

        // THEN
        assertThat(empty).isZero();
        assertThat(inFlight).hasSize(1);
        assertThat(withOneInFlight).isEqualTo(3);
        assertThat(afterDelete).isEqualTo(2);
    }
}
