package dev.lumen.functions.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.observability.Metrics;
import dev.lumen.functions.observability.QueueLag;
import dev.lumen.adapter.sqs.IngestJson;
import dev.lumen.domain.activity.ActivityRecorder;
import dev.lumen.domain.knowledge.DocumentIngestion;
import dev.lumen.domain.knowledge.IngestRequested;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.priming.Priming;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest worker: indexes each requested document revision (extract, clean, split, embed,
 * index, with progress on the document). A failing request is reported alone and retried; on its
 * last receive the document is marked failed with the reason, so a creator never waits on a
 * document stuck in PENDING, and the request goes to the dead-letter queue.
 */
public final class IngestWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestWorkerHandler.class);

    private final DocumentIngestion ingestion;
    private final ActivityRecorder activity;

    public IngestWorkerHandler() {
        this(Components.instance().ingestion(), Components.instance().activityRecorder());
        Priming.register(this);
    }

    IngestWorkerHandler(DocumentIngestion ingestion) {
        this(ingestion, null);
    }

    /** @param activity records each settled revision in the agents' activity feed; null for none */
    IngestWorkerHandler(DocumentIngestion ingestion, ActivityRecorder activity) {
        this.ingestion = ingestion;
        this.activity = activity;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Context for every line of this batch; the batch's queue lag as an EMF metric.
        return Invocation.run(context, Invocation.Kind.WORKER, "IngestWorker", () -> { }, () -> {
            QueueLag.record(event, Metrics.standard(), System.currentTimeMillis());
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
            for (SQSEvent.SQSMessage message : records) {
                IngestRequested request = null;
                Invocation.remove(Invocation.TENANT);
                try {
                    request = IngestJson.read(message.getBody());
                    Invocation.put(Invocation.TENANT, request.creatorId());
                    DocumentIngestion.Outcome outcome = ingestion.process(request);
                    LOG.info("ingest creatorId={} documentId={} revision={} outcome={}", request.creatorId(),
                            request.documentId(), request.revision(), outcome);
                    // After every outcome, SKIPPED included: a redelivery records what a crash left unrecorded.
                    if (activity != null) {
                        activity.recordIngestion(request);
                    }
                } catch (RuntimeException e) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                    int receives = Receives.count(message);
                    String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (receives >= InteractionWorkerHandler.MAX_RECEIVES) {
                        LOG.error("ingest failed for the last time and goes to the dead-letter queue messageId={} receives={} reason={}",
                                message.getMessageId(), receives, reason, e);
                        if (request != null) {
                            giveUp(request);
                        }
                    } else {
                        LOG.warn("ingest failed and will be retried messageId={} receives={} reason={}",
                                message.getMessageId(), receives, reason);
                    }
                }
            }
            return new SQSBatchResponse(failures);
        }, response -> false);
    }

    private void giveUp(IngestRequested request) {
        try {
            ingestion.giveUp(request, "indexing failed repeatedly; upload the document again");
            if (activity != null) {
                activity.recordIngestion(request);
            }
        } catch (RuntimeException e) {
            LOG.error("could not mark the document failed creatorId={} documentId={}", request.creatorId(),
                    request.documentId(), e);
        }
    }
}
