package dev.lumen.functions.observability;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;

/**
 * How far behind a queue worker is: the age of the oldest message of each batch when it was
 * received, from the {@code SentTimestamp} attribute SQS gives every message (ms since the epoch),
 * published per queue as {@link Metrics#queueLag}. A redelivered message counts from its first
 * send, so retries show as lag too: that is the delay a user's data actually waited.
 */
public final class QueueLag {

    private QueueLag() {
    }

    /** Reports the batch's lag; a batch with no timestamps (hand-written events) reports nothing. */
    public static void record(SQSEvent event, Metrics metrics, long nowMillis) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        long oldest = Long.MAX_VALUE;
        String queue = null;
        for (SQSEvent.SQSMessage message : records) {
            long sent = sentAt(message.getAttributes());
            if (sent > 0 && sent < oldest) {
                oldest = sent;
                queue = queueName(message.getEventSourceArn());
            }
        }
        if (queue != null) {
            metrics.queueLag(queue, Math.max(0, nowMillis - oldest), records.size());
        }
    }

    private static long sentAt(Map<String, String> attributes) {
        if (attributes == null) {
            return 0;
        }
        try {
            return Long.parseLong(attributes.getOrDefault("SentTimestamp", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The queue's name: the last part of {@code arn:aws:sqs:region:account:name}. */
    static String queueName(String arn) {
        if (arn == null || arn.isBlank()) {
            return "unknown";
        }
        return arn.substring(arn.lastIndexOf(':') + 1);
    }
}
