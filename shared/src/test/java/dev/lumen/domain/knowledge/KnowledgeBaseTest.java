package dev.lumen.domain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.PayloadTooLargeException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.error.UnprocessableContentException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryDocumentContentStore;
import dev.lumen.fakes.InMemoryDocumentRepository;
import dev.lumen.fakes.RecordingIngestPublisher;
import dev.lumen.fakes.ScriptedChatModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upload, ingest, search, answer, re-upload and delete, on the domain's fakes. */
class KnowledgeBaseTest {
    private static final String BREATHING = """
            Box breathing calms the nervous system. Breathe in for four counts, hold for four, breathe out
            for four and hold again.

            Practise it twice a day, before stressful moments such as exams or interviews.""";

    private final InMemoryDocumentRepository documents = new InMemoryDocumentRepository();
    private final InMemoryDocumentContentStore contents = new InMemoryDocumentContentStore();
    private final RecordingIngestPublisher queue = new RecordingIngestPublisher();
    private final ExactVectorStore vectors = new ExactVectorStore();
    private final HashingEmbeddingModel embeddings = new HashingEmbeddingModel(256);
    private final KnowledgeIndexer indexer = new KnowledgeIndexer(embeddings, vectors, TextSplitter.defaults(), Clock.systemUTC());
    private final KnowledgeBase knowledge = new KnowledgeBase(documents, contents, queue, indexer, Clock.systemUTC());
    private final TextExtractor plainText = (bytes, type) -> {
        if (type == ContentType.PDF) {
            throw new UnprocessableContentException("unreadable_pdf", "the PDF cannot be read");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    };
    private final DocumentIngestion ingestion = new DocumentIngestion(documents, contents, plainText, indexer, Clock.systemUTC());
    private final KnowledgeSearch search = new KnowledgeSearch(embeddings, vectors);

    @Test
    void anUploadIsQueuedThenIndexedAndAnsweredWithCitations() {
        // GIVEN
        KnowledgeDocument submitted = knowledge.submit("coach-1", "breathing", "Box breathing", ContentType.TEXT,
                Map.of("topic", "stress"), bytes(BREATHING));

        // WHEN the worker gets the request
        assertThat(submitted.status()).isEqualTo(DocumentStatus.PENDING);
        assertThat(queue.published()).containsExactly(new IngestRequested("coach-1", "breathing", 1));
        assertThat(ingestion.process(queue.published().get(0))).isEqualTo(DocumentIngestion.Outcome.INDEXED);

        // THEN the document is indexed, its progress complete, and a query finds and cites it
        KnowledgeDocument indexed = knowledge.get("coach-1", "breathing");
        assertThat(indexed.status()).isEqualTo(DocumentStatus.INDEXED);
        assertThat(indexed.chunksDone()).isEqualTo(indexed.chunksTotal()).isPositive();
        KnowledgeQuery query = new KnowledgeQuery(search, new ScriptedChatModel("Breathe in for four counts [1]. See also [9]."));
        KnowledgeQuery.Result result = query.query("coach-1", "how do I breathe before exams", 3, Map.of("topic", "stress"),
                SearchMode.HYBRID, true);
        assertThat(result.hits()).isNotEmpty().allSatisfy(hit -> {
            assertThat(hit.documentId()).isEqualTo("breathing");
            assertThat(hit.title()).isEqualTo("Box breathing");
            assertThat(hit.metadata()).containsEntry("topic", "stress");
        });
        assertThat(result.answer().citations()).singleElement().satisfies(c -> {
            assertThat(c.marker()).isEqualTo(1);
            assertThat(c.chunkId()).isEqualTo(result.hits().get(0).chunkId());
        });

        // AND a redelivered request changes nothing
        assertThat(ingestion.process(queue.published().get(0))).isEqualTo(DocumentIngestion.Outcome.SKIPPED);
    }

    @Test
    void anotherCreatorNeverSeesTheChunksNotByIdsFiltersOrMetadata() {
        // GIVEN coach-1's document, indexed
        knowledge.submit("coach-1", "breathing", "Box breathing", ContentType.TEXT, Map.of("topic", "stress"), bytes(BREATHING));
        ingestion.process(queue.published().get(0));

        // WHEN coach-2 searches with the same words, a filter on the reserved field and crafted metadata
        for (SearchMode mode : SearchMode.values()) {
            assertThat(search.search("coach-2", "box breathing exams", 10, Map.of(), mode)).isEmpty();
            assertThat(search.search("coach-2", "box breathing", 10, Map.of("documentId", "breathing"), mode)).isEmpty();
            assertThat(search.search("coach-2", "box breathing", 10, Map.of("topic", "stress"), mode)).isEmpty();
        }
        // AND the document itself is not theirs to read or delete
        assertThatThrownBy(() -> knowledge.get("coach-2", "breathing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> knowledge.delete("coach-2", "breathing")).isInstanceOf(NotFoundException.class);
        assertThat(knowledge.list("coach-2")).isEmpty();
    }

    @Test
    void aShorterReuploadLeavesOnlyItsOwnChunksAndDeleteRemovesEverything() {
        // GIVEN a long first revision
        String longText = (BREATHING + "\n\n").repeat(12);
        knowledge.submit("coach-1", "breathing", "Box breathing", ContentType.TEXT, Map.of(), bytes(longText));
        ingestion.process(queue.published().get(0));
        int firstChunks = knowledge.get("coach-1", "breathing").chunksTotal();
        assertThat(firstChunks).isGreaterThan(2);

        // WHEN a short second revision is uploaded and indexed
        knowledge.submit("coach-1", "breathing", "Box breathing", ContentType.TEXT, Map.of(), bytes("Breathe slowly."));
        ingestion.process(queue.published().get(1));

        // THEN only its one chunk is searchable; deleting removes it, the content and the record
        assertThat(knowledge.get("coach-1", "breathing").revision()).isEqualTo(2);
        assertThat(vectors.count(KnowledgeIndexer.INDEX, "coach-1")).isEqualTo(1);
        knowledge.delete("coach-1", "breathing");
        assertThat(vectors.count(KnowledgeIndexer.INDEX, "coach-1")).isZero();
        assertThat(contents.size()).isZero();
        assertThat(knowledge.list("coach-1")).isEmpty();
    }

    @Test
    void aStaleRequestIsSkippedSoTheNewestRevisionWins() {
        knowledge.submit("coach-1", "doc", "Doc", ContentType.TEXT, Map.of(), bytes("first version"));
        knowledge.submit("coach-1", "doc", "Doc", ContentType.TEXT, Map.of(), bytes("second version"));

        assertThat(ingestion.process(queue.published().get(0))).isEqualTo(DocumentIngestion.Outcome.SKIPPED);
        assertThat(ingestion.process(queue.published().get(1))).isEqualTo(DocumentIngestion.Outcome.INDEXED);
        List<VectorHit> all = vectors.lexicalSearch(KnowledgeIndexer.INDEX,
                new dev.lumen.domain.vector.TextQuery("coach-1", "version", 10, Map.of()));
        assertThat(all).singleElement().satisfies(hit -> assertThat(hit.document().text()).contains("second"));
    }

    @Test
    void unreadableContentFailsTheDocumentWithItsReasonInsteadOfRetrying() {
        knowledge.submit("coach-1", "scan", "A scan", ContentType.PDF, Map.of(), new byte[] {1, 2, 3});

        assertThat(ingestion.process(queue.published().get(0))).isEqualTo(DocumentIngestion.Outcome.FAILED);

        KnowledgeDocument failed = knowledge.get("coach-1", "scan");
        assertThat(failed.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(failed.reason()).contains("PDF cannot be read");
    }

    @Test
    void badUploadsAreRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> knowledge.submit("coach-1", null, " ", ContentType.TEXT, Map.of(), bytes("x")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'title'");
        assertThatThrownBy(() -> knowledge.submit("coach-1", null, "T", ContentType.TEXT, Map.of(), new byte[0]))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'content'");
        assertThatThrownBy(() -> knowledge.submit("coach-1", null, "T", ContentType.TEXT, Map.of("bad key", "v"), bytes("x")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("bad key");
        assertThatThrownBy(() -> knowledge.submit("coach-1", null, "T", ContentType.TEXT, Map.of(),
                new byte[KnowledgeBase.MAX_TEXT_BYTES + 1])).isInstanceOf(PayloadTooLargeException.class);
        assertThatThrownBy(() -> knowledge.submit("coach/1", null, "T", ContentType.TEXT, Map.of(), bytes("x")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'creatorId'");
        assertThat(contents.size()).isZero();
        assertThat(queue.published()).isEmpty();
    }

    @Test
    void aQueueThatIsDownFailsTheUploadVisiblyRatherThanLeavingItPendingForever() {
        queue.failing(true);

        assertThatThrownBy(() -> knowledge.submit("coach-1", "doc", "Doc", ContentType.TEXT, Map.of(), bytes("text")))
                .isInstanceOf(UnavailableException.class);

        assertThat(knowledge.get("coach-1", "doc").status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(knowledge.get("coach-1", "doc").reason()).contains("upload it again");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
