package dev.lumen.functions.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lumen.adapter.sqs.InteractionJson;
import dev.lumen.domain.learning.LearningService;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.functions.config.Components;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interaction worker: learns from each chat turn on the {@code interactions} queue (memory,
 * traits, emotional state, profile, patterns, usage). Each message succeeds or fails on its own:
 * failures are reported as batch item failures, so SQS redelivers only those, and after the
 * queue's {@code maxReceiveCount} receives moves them to the dead-letter queue. Processing is
 * idempotent on the interaction id, so a redelivered message changes nothing twice.
 */
public final class InteractionWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionWorkerHandler.class);
    /** The template's maxReceiveCount: the receive after which a failing message goes to the DLQ. */
    static final int MAX_RECEIVES = 3;

    private final LearningService learning;

    public InteractionWorkerHandler() {
        this(Components.instance().learning());
    }

    InteractionWorkerHandler(LearningService learning) {
        this.learning = learning;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        int applied = 0;
        int duplicates = 0;
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                InteractionRecorded interaction = InteractionJson.read(message.getBody());
                if (learning.process(interaction) == LearningService.Outcome.APPLIED) {
                    applied++;
                } else {
                    duplicates++;
                }
            } catch (RuntimeException e) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                report(message, e);
            }
        }
        LOG.info("interaction batch messages={} applied={} duplicates={} failed={}",
                records.size(), applied, duplicates, failures.size());
        return new SQSBatchResponse(failures);
    }

    private static void report(SQSEvent.SQSMessage message, RuntimeException failure) {
        int receives = receiveCount(message);
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (receives >= MAX_RECEIVES) {
            LOG.error("interaction failed for the last time and goes to the dead-letter queue messageId={} receives={} reason={}",
                    message.getMessageId(), receives, reason, failure);
        } else {
            LOG.warn("interaction failed and will be retried messageId={} receives={} reason={}",
                    message.getMessageId(), receives, reason);
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        try {
            return attributes == null ? 1 : Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
