package dev.lumen.adapter.sqs;

import dev.lumen.domain.stats.QueueDepth;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The interactions queue's depth from {@code GetQueueAttributes}: {@code ApproximateNumberOfMessages}
 * (waiting) plus {@code ApproximateNumberOfMessagesNotVisible} (received by the worker, not yet
 * deleted). Both are interactions not yet learned from, which is what the stats report; messages
 * in the dead-letter queue are not counted (they are no longer in this queue), and delayed messages
 * do not occur (nothing is sent with a delay).
 */
public final class SqsQueueDepth implements QueueDepth {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsQueueDepth(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public long approximateMessages() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request
                .queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                + count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
