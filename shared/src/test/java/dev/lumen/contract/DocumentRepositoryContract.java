package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lumen.domain.Ids;
import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.DocumentRepository;
import dev.lumen.domain.knowledge.DocumentStatus;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DocumentRepository} must do. An adapter's test extends this class and says how
 * to build the adapter; the cases use fresh random creator and document ids, so a subclass may
 * share one store between them.
 */
public abstract class DocumentRepositoryContract {
    /** Nanosecond precision: a store that keeps less would change the instants. */
    protected static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123456789Z");

    private DocumentRepository repository;

    /** A repository for one test case. */
    protected abstract DocumentRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void findReturnsTheSavedDocumentWithEveryField() {
        // GIVEN a failed document with non-ASCII metadata, an empty metadata value, progress and a size beyond int
        KnowledgeDocument document = new KnowledgeDocument(Ids.random(), Ids.random(), "Coaching — the 5 habits",
                ContentType.HTML, Map.of("topic", "Résumé 日本語 🚀", "level", "advanced", "note", ""),
                DocumentStatus.FAILED, "the PDF is encrypted", 3, 7, 5_000_000_000L, 4, CREATED,
                CREATED.plusNanos(1));

        // WHEN
        repository.save(document);

        // THEN
        assertThat(repository.find(document.creatorId(), document.documentId())).contains(document);
    }

    @Test
    void aDocumentWithoutMetadataOrReasonIsFoundAsSaved() {
        // GIVEN
        KnowledgeDocument document = document(Ids.random(), Ids.random(), CREATED);

        // WHEN
        repository.save(document);

        // THEN
        KnowledgeDocument found = repository.find(document.creatorId(), document.documentId()).orElseThrow();
        assertThat(found).isEqualTo(document);
        assertThat(found.reason()).isNull();
        assertThat(found.metadata()).isEmpty();
    }

    @Test
    void aDocumentIsFoundOnlyUnderItsOwnCreator() {
        // GIVEN
        KnowledgeDocument document = document(Ids.random(), Ids.random(), CREATED);
        repository.save(document);

        // WHEN / THEN
        assertThat(repository.find(Ids.random(), document.documentId())).isEmpty();
        assertThat(repository.find(document.creatorId(), Ids.random())).isEmpty();
    }

    @Test
    void listIsNewestFirstAndHoldsOnlyThatCreatorsDocuments() {
        // GIVEN documents saved in neither time nor id order (ids sort a, b, c: not the time order either
        // way), one a nanosecond after another, and another creator's document
        String creator = Ids.random();
        KnowledgeDocument oldest = document(creator, "a-oldest", CREATED);
        KnowledgeDocument newest = document(creator, "b-newest", CREATED.plusSeconds(20));
        KnowledgeDocument middle = document(creator, "c-middle", CREATED.plusNanos(1));
        repository.save(middle);
        repository.save(oldest);
        repository.save(newest);
        KnowledgeDocument others = document(Ids.random(), "d-other", CREATED.plusSeconds(10));
        repository.save(others);

        // WHEN / THEN
        assertThat(repository.list(creator)).containsExactly(newest, middle, oldest);
        assertThat(repository.list(others.creatorId())).containsExactly(others);
        assertThat(repository.list(Ids.random())).isEmpty();
    }

    @Test
    void saveReplacesTheEarlierRevision() {
        // GIVEN a first upload
        KnowledgeDocument first = new KnowledgeDocument(Ids.random(), Ids.random(), "Draft", ContentType.TEXT,
                Map.of("a", "1", "b", "2"), DocumentStatus.INDEXED, null, 4, 4, 100, 1, CREATED, CREATED);
        repository.save(first);

        // WHEN it is uploaded again under the same id
        KnowledgeDocument second = new KnowledgeDocument(first.documentId(), first.creatorId(), "Final",
                ContentType.MARKDOWN, Map.of("b", "3"), DocumentStatus.PENDING, null, 0, 4, 250, 2, CREATED,
                CREATED.plusSeconds(60));
        repository.save(second);

        // THEN only the new revision is left, with nothing of the old one (metadata "a" included)
        assertThat(repository.find(first.creatorId(), first.documentId())).contains(second);
        assertThat(repository.list(first.creatorId())).containsExactly(second);
    }

    @Test
    void updateStateWithTheCurrentRevisionRecordsStatusReasonProgressAndTime() {
        // GIVEN a second revision, pending
        KnowledgeDocument document = new KnowledgeDocument(Ids.random(), Ids.random(), "Guide", ContentType.PDF,
                Map.of("lang", "de"), DocumentStatus.PENDING, null, 0, 0, 2048, 2, CREATED, CREATED);
        repository.save(document);
        Instant progressAt = CREATED.plusSeconds(5).plusNanos(7);
        Instant failedAt = CREATED.plusSeconds(9);

        // WHEN progress is recorded
        boolean progressed = repository.updateState(document.creatorId(), document.documentId(), 2,
                DocumentStatus.PENDING, null, 3, 10, progressAt);

        // THEN status, progress and time change; everything else stays
        assertThat(progressed).isTrue();
        assertThat(repository.find(document.creatorId(), document.documentId()))
                .contains(withState(document, DocumentStatus.PENDING, null, 3, 10, progressAt));

        // WHEN it then fails
        boolean failed = repository.updateState(document.creatorId(), document.documentId(), 2,
                DocumentStatus.FAILED, "embedding model unavailable ✗", 0, 10, failedAt);

        // THEN the reason is recorded too
        assertThat(failed).isTrue();
        assertThat(repository.find(document.creatorId(), document.documentId()))
                .contains(withState(document, DocumentStatus.FAILED, "embedding model unavailable ✗", 0, 10, failedAt));
    }

    @Test
    void updateStateClearsAnEarlierReason() {
        // GIVEN a failed document being retried under the same revision
        KnowledgeDocument document = new KnowledgeDocument(Ids.random(), Ids.random(), "Guide", ContentType.TEXT,
                Map.of(), DocumentStatus.FAILED, "timed out", 0, 6, 10, 1, CREATED, CREATED);
        repository.save(document);

        // WHEN
        boolean updated = repository.updateState(document.creatorId(), document.documentId(), 1,
                DocumentStatus.INDEXED, null, 6, 6, CREATED.plusSeconds(1));

        // THEN
        assertThat(updated).isTrue();
        assertThat(repository.find(document.creatorId(), document.documentId()).orElseThrow())
                .isEqualTo(withState(document, DocumentStatus.INDEXED, null, 6, 6, CREATED.plusSeconds(1)))
                .extracting(KnowledgeDocument::reason).isNull();
    }

    @Test
    void updateStateForAnyOtherRevisionChangesNothing() {
        // GIVEN a document re-uploaded as revision 2 while a worker still holds revision 1
        KnowledgeDocument first = document(Ids.random(), Ids.random(), CREATED);
        repository.save(first);
        KnowledgeDocument second = new KnowledgeDocument(first.documentId(), first.creatorId(), first.title(),
                first.contentType(), Map.of("v", "2"), DocumentStatus.PENDING, null, 0, 0, 42, 2, CREATED,
                CREATED.plusSeconds(30));
        repository.save(second);

        // WHEN the old worker reports, and a (bogus) future revision too
        boolean stale = repository.updateState(first.creatorId(), first.documentId(), 1, DocumentStatus.INDEXED,
                null, 5, 5, CREATED.plusSeconds(60));
        boolean future = repository.updateState(first.creatorId(), first.documentId(), 3, DocumentStatus.FAILED,
                "x", 0, 0, CREATED.plusSeconds(61));

        // THEN
        assertThat(stale).isFalse();
        assertThat(future).isFalse();
        assertThat(repository.find(first.creatorId(), first.documentId())).contains(second);
    }

    @Test
    void updateStateOfAMissingDocumentReturnsFalseAndCreatesNothing() {
        // GIVEN
        String creator = Ids.random();
        String documentId = Ids.random();

        // WHEN
        boolean updated = repository.updateState(creator, documentId, 1, DocumentStatus.INDEXED, null, 1, 1, CREATED);

        // THEN
        assertThat(updated).isFalse();
        assertThat(repository.find(creator, documentId)).isEmpty();
        assertThat(repository.list(creator)).isEmpty();
    }

    @Test
    void updateStateOfADeletedDocumentReturnsFalseAndDoesNotBringItBack() {
        // GIVEN a worker still indexing a document its creator deleted
        KnowledgeDocument document = document(Ids.random(), Ids.random(), CREATED);
        repository.save(document);
        repository.delete(document.creatorId(), document.documentId());

        // WHEN
        boolean updated = repository.updateState(document.creatorId(), document.documentId(), 1,
                DocumentStatus.PENDING, null, 1, 2, CREATED.plusSeconds(1));

        // THEN
        assertThat(updated).isFalse();
        assertThat(repository.find(document.creatorId(), document.documentId())).isEmpty();
    }

    @Test
    void deleteRemovesOnlyThatDocument() {
        // GIVEN two documents of one creator
        String creator = Ids.random();
        KnowledgeDocument gone = document(creator, Ids.random(), CREATED);
        KnowledgeDocument kept = document(creator, Ids.random(), CREATED.plusSeconds(1));
        repository.save(gone);
        repository.save(kept);

        // WHEN
        repository.delete(creator, gone.documentId());

        // THEN
        assertThat(repository.find(creator, gone.documentId())).isEmpty();
        assertThat(repository.find(creator, kept.documentId())).contains(kept);
        assertThat(repository.list(creator)).containsExactly(kept);
    }

    @Test
    void deletingAMissingDocumentIsFine() {
        // GIVEN a creator with no such document
        String creator = Ids.random();
        KnowledgeDocument other = document(creator, Ids.random(), CREATED);
        repository.save(other);

        // WHEN / THEN
        assertThatCode(() -> repository.delete(creator, Ids.random())).doesNotThrowAnyException();
        assertThatCode(() -> repository.delete(Ids.random(), Ids.random())).doesNotThrowAnyException();
        assertThat(repository.list(creator)).containsExactly(other);
    }

    @Test
    void quarantinedChunksAreRecordedForTheCurrentRevisionAndKeptThroughStateUpdates() {
        // GIVEN
        KnowledgeDocument document = document(Ids.random(), Ids.random(), CREATED);
        repository.save(document);
        java.util.List<String> reasons = java.util.List.of("chunk 2 (OVERRIDE_INSTRUCTIONS): ignore all previous instructions");

        // WHEN
        boolean recorded = repository.recordQuarantine(document.creatorId(), document.documentId(), 1, 1, reasons);
        boolean stale = repository.recordQuarantine(document.creatorId(), document.documentId(), 2, 5, java.util.List.of());
        boolean missing = repository.recordQuarantine(document.creatorId(), Ids.random(), 1, 1, reasons);
        repository.updateState(document.creatorId(), document.documentId(), 1, DocumentStatus.INDEXED, null, 4, 4,
                CREATED.plusSeconds(1));

        // THEN
        assertThat(recorded).isTrue();
        assertThat(stale).isFalse();
        assertThat(missing).isFalse();
        KnowledgeDocument found = repository.find(document.creatorId(), document.documentId()).orElseThrow();
        assertThat(found.quarantinedChunks()).isEqualTo(1);
        assertThat(found.quarantine()).isEqualTo(reasons);
        assertThat(found.status()).isEqualTo(DocumentStatus.INDEXED);

        // WHEN a new revision is saved, THEN it starts clean
        repository.save(new KnowledgeDocument(document.documentId(), document.creatorId(), "v2", ContentType.TEXT, Map.of(),
                DocumentStatus.PENDING, null, 0, 0, 10, 2, CREATED, CREATED.plusSeconds(2)));
        assertThat(repository.find(document.creatorId(), document.documentId()).orElseThrow().quarantinedChunks()).isZero();
    }

    /** A pending first revision without metadata. */
    protected static KnowledgeDocument document(String creatorId, String documentId, Instant createdAt) {
        return new KnowledgeDocument(documentId, creatorId, "Title of " + documentId, ContentType.MARKDOWN, Map.of(),
                DocumentStatus.PENDING, null, 0, 0, 1234, 1, createdAt, createdAt);
    }

    private static KnowledgeDocument withState(KnowledgeDocument d, DocumentStatus status, String reason,
                                               int chunksDone, int chunksTotal, Instant at) {
        return new KnowledgeDocument(d.documentId(), d.creatorId(), d.title(), d.contentType(), d.metadata(), status,
                reason, chunksDone, chunksTotal, d.contentBytes(), d.revision(), d.createdAt(), at);
    }
}
