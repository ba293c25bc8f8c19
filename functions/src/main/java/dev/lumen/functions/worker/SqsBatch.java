package dev.lumen.functions.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.observability.Metrics;
import dev.lumen.functions.observability.QueueLag;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The skeleton of a worker that handles a batch's messages one after the other: the invocation's log
 * context and queue-lag metric, then each message, a message whose work throws reported as a batch item
 * failure (SQS delivers it again, and after the queue's maxReceiveCount moves it to its dead-letter queue).
 */
public final class SqsBatch {

    private SqsBatch() {
    }

    /**
     * @param handler the worker's short name ({@code Handler} dimension of its invocation metric)
     * @param work    what to do with one message
     * @param failed  told of each message whose work threw (to log it), before it is reported
     */
    public static SQSBatchResponse eachInTurn(SQSEvent event, Context context, String handler,
                                              Consumer<SQSEvent.SQSMessage> work,
                                              BiConsumer<SQSEvent.SQSMessage, RuntimeException> failed) {
        return Invocation.run(context, Invocation.Kind.WORKER, handler, () -> { }, () -> {
            QueueLag.record(event, Metrics.standard(), System.currentTimeMillis());
            List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage message : records) {
                try {
                    work.accept(message);
                } catch (RuntimeException e) {
                    failed.accept(message, e);
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            return new SQSBatchResponse(failures);
        }, response -> false);
    }
}
