package dev.lumen.adapter.sqs;

import dev.lumen.domain.proactive.DeliveryQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link DeliveryQueue} on SQS: one message per due proactive message, as {@link DeliveryJson}. */
public final class SqsDeliveryQueue implements DeliveryQueue {
    private final QueueSender sender;

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl) {
        this.sender = new QueueSender(sqs, queueUrl);
    }

    @Override
    public void enqueue(String userId, String messageId) {
        sender.send(DeliveryJson.write(userId, messageId), "messageId", messageId);
    }
}
