package dev.lumen.domain.knowledge;

/** Port: hands an {@link IngestRequested} to the ingest worker (an SQS queue). */
public interface IngestPublisher {

    /** @throws RuntimeException when it could not be sent (after the adapter's own retries) */
    void publish(IngestRequested request);
}
