package dev.lumen.functions.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lumen.adapter.extract.DocumentTextExtractor;
import dev.lumen.adapter.model.ModelTraitExtractor;
import dev.lumen.contract.InteractionStores;
import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.activity.ActivityRecorder;
import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.DocumentIngestion;
import dev.lumen.domain.knowledge.KnowledgeBase;
import dev.lumen.domain.knowledge.KnowledgeIndexer;
import dev.lumen.domain.knowledge.TextSplitter;
import dev.lumen.domain.learning.LearningService;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.domain.usage.ModelPrices;
import dev.lumen.domain.usage.UsageAccounting;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryActivityFeed;
import dev.lumen.fakes.InMemoryDocumentContentStore;
import dev.lumen.fakes.InMemoryDocumentRepository;
import dev.lumen.fakes.InMemoryStores;
import dev.lumen.fakes.InMemoryUsageLedger;
import dev.lumen.fakes.RecordingIngestPublisher;
import dev.lumen.fakes.ScriptedChatModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workers write the agents' activity feed once per event, however often SQS delivers it. */
class WorkerActivityTest {
    private final InMemoryActivityFeed feed = new InMemoryActivityFeed();
    private final InMemoryDocumentRepository documents = new InMemoryDocumentRepository();
    private final ActivityRecorder recorder = new ActivityRecorder(feed, ModelPrices.defaults(), documents);

    @Test
    void aRedeliveredInteractionIsOneChatTurnWithItsTokensAndCost() {
        // GIVEN
        InteractionStores stores = InMemoryStores.create();
        InteractionWorkerHandler worker = new InteractionWorkerHandler(new LearningService(stores.learning(),
                new MemoryService(new HashingEmbeddingModel(64), new ExactVectorStore()),
                new ModelTraitExtractor(new ScriptedChatModel("[]")), Clock.systemUTC()),
                new UsageAccounting(new InMemoryUsageLedger(), ModelPrices.defaults()), recorder);
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-interaction-recorded.json");

        // WHEN delivered twice
        worker.handleRequest(event, null);
        worker.handleRequest(event, null);

        // THEN
        assertThat(feed.all()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("01JGZ8Q6X4C9M2T5V7W3Y1B0DK");
            assertThat(a.kind()).isEqualTo(ActivityKind.CHAT_TURN);
            assertThat(a.inputTokens()).isEqualTo(412);
            assertThat(a.outputTokens()).isEqualTo(38);
            assertThat(a.costUsd()).isEqualTo(ModelPrices.defaults().cost("anthropic.claude-3-haiku-20240307-v1:0",
                    new dev.lumen.domain.chat.Usage(412, 38)).doubleValue());
            assertThat(a.latencyMs()).as("the sample event predates latencies").isZero();
            assertThat(a.error()).isFalse();
        });
    }

    @Test
    void anIngestedDocumentIsRecordedOnceWithItsChunks() {
        // GIVEN the sample event's document, uploaded
        InMemoryDocumentContentStore contents = new InMemoryDocumentContentStore();
        KnowledgeIndexer indexer = new KnowledgeIndexer(new HashingEmbeddingModel(64), new ExactVectorStore(),
                TextSplitter.defaults(), Clock.systemUTC());
        new KnowledgeBase(documents, contents, new RecordingIngestPublisher(), indexer, Clock.systemUTC())
                .submit("coach-sleep", "sleep-guide", "Sleep hygiene", ContentType.MARKDOWN, Map.of(),
                        "# Sleep\n\nStop caffeine after 2 pm.".getBytes(StandardCharsets.UTF_8));
        IngestWorkerHandler worker = new IngestWorkerHandler(new DocumentIngestion(documents, contents,
                new DocumentTextExtractor(), indexer, Clock.systemUTC()), recorder);
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-ingest-requested.json");

        // WHEN delivered twice (the second finds it indexed and skips)
        worker.handleRequest(event, null);
        worker.handleRequest(event, null);

        // THEN
        Activity recorded = feed.all().get(0);
        assertThat(feed.all()).hasSize(1);
        assertThat(recorded.kind()).isEqualTo(ActivityKind.DOCUMENT_INGESTED);
        assertThat(recorded.tenant()).isEqualTo("coach-sleep");
        assertThat(recorded.attributes()).containsEntry("documentId", "sleep-guide").containsEntry("status", "INDEXED")
                .containsEntry("chunks", "1").containsEntry("quarantined", "0");
    }
}
