package dev.lumen.functions.worker;

import dev.lumen.functions.observability.InvocationCapture;
import dev.lumen.functions.observability.LambdaContextStub;
import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lumen.adapter.extract.DocumentTextExtractor;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.DocumentContentStore;
import dev.lumen.domain.knowledge.DocumentIngestion;
import dev.lumen.domain.knowledge.DocumentStatus;
import dev.lumen.domain.knowledge.KnowledgeBase;
import dev.lumen.domain.knowledge.KnowledgeIndexer;
import dev.lumen.domain.knowledge.TextSplitter;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryDocumentContentStore;
import dev.lumen.fakes.InMemoryDocumentRepository;
import dev.lumen.fakes.RecordingIngestPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestWorkerHandlerTest {
    private final InMemoryDocumentRepository documents = new InMemoryDocumentRepository();
    private final InMemoryDocumentContentStore contents = new InMemoryDocumentContentStore();
    private final KnowledgeIndexer indexer = new KnowledgeIndexer(new HashingEmbeddingModel(64), new ExactVectorStore(),
            TextSplitter.defaults(), Clock.systemUTC());

    @BeforeEach
    void uploadTheSampleEventsDocument() {
        new KnowledgeBase(documents, contents, new RecordingIngestPublisher(), indexer, Clock.systemUTC())
                .submit("coach-sleep", "sleep-guide", "Sleep hygiene", ContentType.MARKDOWN, Map.of(),
                        "# Sleep\n\nStop caffeine after 2 pm.".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSampleEventIndexesTheDocument() {
        SQSBatchResponse response = worker(contents).handleRequest(event("1"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(documents.find("coach-sleep", "sleep-guide").orElseThrow().status()).isEqualTo(DocumentStatus.INDEXED);
    }

    @Test
    void aStoreThatIsDownIsRetriedThenTheDocumentFailsWithAReasonOnTheLastReceive() {
        // GIVEN a content store that is down
        DocumentContentStore down = new DocumentContentStore() {
            @Override
            public void put(String creatorId, String documentId, int revision, byte[] content) {
                throw new UnavailableException("content_store_unavailable", "down (simulated)", null);
            }

            @Override
            public Optional<byte[]> get(String creatorId, String documentId, int revision) {
                throw new UnavailableException("content_store_unavailable", "down (simulated)", null);
            }

            @Override
            public void delete(String creatorId, String documentId) {
                throw new UnavailableException("content_store_unavailable", "down (simulated)", null);
            }
        };

        // WHEN it is delivered for the first, then the third time
        SQSBatchResponse first = worker(down).handleRequest(event("1"), null);
        assertThat(documents.find("coach-sleep", "sleep-guide").orElseThrow().status()).isEqualTo(DocumentStatus.PENDING);
        SQSBatchResponse last = worker(down).handleRequest(event("3"), null);

        // THEN both are reported for retry (the last one goes to the DLQ), and the document says why
        assertThat(first.getBatchItemFailures()).hasSize(1);
        assertThat(last.getBatchItemFailures()).hasSize(1);
        assertThat(documents.find("coach-sleep", "sleep-guide").orElseThrow()).satisfies(doc -> {
            assertThat(doc.status()).isEqualTo(DocumentStatus.FAILED);
            assertThat(doc.reason()).contains("upload the document again");
        });
    }

    @Test
    void anUnreadableBodyIsReportedAlone() {
        SQSEvent event = event("1");
        SQSEvent.SQSMessage bad = new SQSEvent.SQSMessage();
        bad.setMessageId("poison");
        bad.setBody("{\"creatorId\":\"coach-sleep\"}");
        bad.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        event.setRecords(List.of(event.getRecords().get(0), bad));

        SQSBatchResponse response = worker(contents).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("poison");
    }

    private IngestWorkerHandler worker(DocumentContentStore store) {
        return new IngestWorkerHandler(new DocumentIngestion(documents, store, new DocumentTextExtractor(), indexer,
                Clock.systemUTC()));
    }

    private static SQSEvent event(String receiveCount) {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-ingest-requested.json");
        event.getRecords().get(0).setAttributes(new java.util.HashMap<>(event.getRecords().get(0).getAttributes()));
        event.getRecords().get(0).getAttributes().put("ApproximateReceiveCount", receiveCount);
        return event;
    }

    @Test
    void aBatchLogsWithItsInvocationContextAndTheMessagesCreator() {
        try (InvocationCapture capture = new InvocationCapture()) {
            // GIVEN a content store that logs as it is read
            DocumentContentStore logging = new DocumentContentStore() {
                @Override
                public void put(String creatorId, String documentId, int revision, byte[] content) {
                    contents.put(creatorId, documentId, revision, content);
                }

                @Override
                public Optional<byte[]> get(String creatorId, String documentId, int revision) {
                    capture.logger().info("content read");
                    return contents.get(creatorId, documentId, revision);
                }

                @Override
                public void delete(String creatorId, String documentId) {
                    contents.delete(creatorId, documentId);
                }
            };

            // WHEN
            SQSBatchResponse response = worker(logging).handleRequest(event("1"),
                    new LambdaContextStub("req-ingest-1", "lumen-dev-IngestWorkerFunction"));

            // THEN
            assertThat(response.getBatchItemFailures()).isEmpty();
            JsonNode line = capture.logged("content read").get(0);
            assertThat(line.path("requestId").asText()).isEqualTo("req-ingest-1");
            assertThat(line.path("function").asText()).isEqualTo("lumen-dev-IngestWorkerFunction");
            assertThat(line.path("tenant").asText()).isEqualTo("coach-sleep");
            JsonNode metric = capture.invocationMetric();
            assertThat(metric.path("Kind").asText()).isEqualTo("worker");
            assertThat(metric.path("Handler").asText()).isEqualTo("IngestWorker");
            assertThat(metric.path("Errors").asInt()).isZero();
            capture.assertContextCleared();
        }
    }
}
