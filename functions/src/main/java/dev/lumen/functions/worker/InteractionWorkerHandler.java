package dev.lumen.functions.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.observability.Metrics;
import dev.lumen.functions.observability.QueueLag;
import dev.lumen.adapter.sqs.InteractionJson;
import dev.lumen.domain.activity.ActivityRecorder;
import dev.lumen.domain.learning.LearningService;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.usage.UsageAccounting;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.priming.Primers;
import dev.lumen.functions.priming.Priming;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interaction worker: learns from each chat turn on the {@code interactions} queue (memory,
 * traits, emotional state, profile, patterns, usage; token cost per user, creator, persona and day in
 * the {@link dev.lumen.domain.usage.UsageLedger}). Each message succeeds or fails on its own:
 * failures are reported as batch item failures, so SQS redelivers only those, and after the
 * queue's {@code maxReceiveCount} receives moves them to the dead-letter queue. Processing is
 * idempotent on the interaction id, so a redelivered message changes nothing twice.
 *
 * <p>A batch's messages are processed concurrently: each spends most of its time waiting (the
 * model call, the vector store making a write searchable, about a second on OpenSearch), so a
 * batch of ten takes about as long as its slowest message rather than the sum. Two messages of
 * one user may then race on the same emotional state or profile; the repository's version checks
 * and retries settle that.
 */
public final class InteractionWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(InteractionWorkerHandler.class);
    /** The template's maxReceiveCount: the receive after which a failing message goes to the DLQ. */
    static final int MAX_RECEIVES = 3;
    /** One thread per message of the largest batch the template asks for (BatchSize 10). */
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(10, runnable -> {
        Thread thread = new Thread(runnable, "interaction-worker");
        thread.setDaemon(true);
        return thread;
    });

    private final LearningService learning;
    private final UsageAccounting usage;
    private final ActivityRecorder activity;

    public InteractionWorkerHandler() {
        this(Components.instance().learning(), Components.instance().usageAccounting(),
                Components.instance().activityRecorder());
        Priming.register(this, Primers::interactionWorker);
    }

    InteractionWorkerHandler(LearningService learning, UsageAccounting usage) {
        this(learning, usage, null);
    }

    /** @param activity records each turn in the agents' activity feed; null for none */
    InteractionWorkerHandler(LearningService learning, UsageAccounting usage, ActivityRecorder activity) {
        this.learning = learning;
        this.usage = usage;
        this.activity = activity;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Context for every line of this batch, on the pool's threads too; the batch's queue lag as an EMF metric.
        return Invocation.run(context, Invocation.Kind.WORKER, "InteractionWorker", () -> { }, () -> {
            QueueLag.record(event, Metrics.standard(), System.currentTimeMillis());
            List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
            List<CompletableFuture<Result>> running = new ArrayList<>(records.size());
            for (SQSEvent.SQSMessage message : records) {
                running.add(CompletableFuture.supplyAsync(Invocation.carried(() -> process(message)), WORKERS));
            }
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            int applied = 0;
            int duplicates = 0;
            for (int i = 0; i < records.size(); i++) {
                switch (running.get(i).join()) {
                    case APPLIED -> applied++;
                    case DUPLICATE -> duplicates++;
                    case FAILED -> failures.add(new SQSBatchResponse.BatchItemFailure(records.get(i).getMessageId()));
                }
            }
            LOG.info("interaction batch messages={} applied={} duplicates={} failed={}",
                    records.size(), applied, duplicates, failures.size());
            return new SQSBatchResponse(failures);
        }, response -> false);
    }

    private enum Result { APPLIED, DUPLICATE, FAILED }

    private Result process(SQSEvent.SQSMessage message) {
        try {
            InteractionRecorded interaction = InteractionJson.read(message.getBody());
            // This message's thread only: the lines of its learning name whose turn it was.
            Invocation.put(Invocation.USER_ID, interaction.userId());
            Invocation.put(Invocation.TENANT, interaction.tenant());
            // First, and on every delivery: idempotent on the interaction id, so a redelivery after
            // the learning was applied still records usage a failed attempt missed, and never twice.
            usage.recordTurn(interaction);
            if (learning.process(interaction) != LearningService.Outcome.APPLIED) {
                return Result.DUPLICATE;
            }
            // Only for a turn learned from now: erasure marks a user's turns applied, so a turn still
            // in the queue afterwards cannot put the user back in the feed. The price: an entry lost
            // to a failure in the moment after learning is not recorded on redelivery.
            if (activity != null) {
                activity.recordTurn(interaction);
            }
            return Result.APPLIED;
        } catch (RuntimeException e) {
            report(message, e);
            return Result.FAILED;
        }
    }

    private static void report(SQSEvent.SQSMessage message, RuntimeException failure) {
        int receives = Receives.count(message);
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (receives >= MAX_RECEIVES) {
            LOG.error("interaction failed for the last time and goes to the dead-letter queue messageId={} receives={} reason={}",
                    message.getMessageId(), receives, reason, failure);
        } else {
            LOG.warn("interaction failed and will be retried messageId={} receives={} reason={}",
                    message.getMessageId(), receives, reason);
        }
    }
}
