package dev.lumen.adapter.sqs;

import dev.lumen.domain.knowledge.IngestPublisher;
import dev.lumen.domain.knowledge.IngestRequested;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends each {@link IngestRequested} to the ingest queue as {@link IngestJson}. */
public final class SqsIngestPublisher implements IngestPublisher {
    private final QueueSender sender;

    public SqsIngestPublisher(SqsClient sqs, String queueUrl) {
        this.sender = new QueueSender(sqs, queueUrl);
    }

    @Override
    public void publish(IngestRequested request) {
        sender.send(IngestJson.write(request), "documentId", request.creatorId() + "/" + request.documentId());
    }
}
