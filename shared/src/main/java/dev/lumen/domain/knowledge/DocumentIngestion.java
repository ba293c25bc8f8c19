package dev.lumen.domain.knowledge;

import dev.lumen.domain.error.UnprocessableContentException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The ingest worker's use case: extract, clean, split, embed and index one revision of a document,
 * recording progress as it goes. Idempotent: a request for a revision that is no longer current,
 * or already indexed, does nothing; indexing again overwrites the same chunk ids.
 */
public final class DocumentIngestion {
    private final DocumentRepository documents;
    private final DocumentContentStore contents;
    private final TextExtractor extractor;
    private final KnowledgeIndexer indexer;
    private final Clock clock;

    public DocumentIngestion(DocumentRepository documents, DocumentContentStore contents, TextExtractor extractor,
                             KnowledgeIndexer indexer, Clock clock) {
        this.documents = documents;
        this.contents = contents;
        this.extractor = extractor;
        this.indexer = indexer;
        this.clock = clock;
    }

    /** What {@link #process} did. */
    public enum Outcome { INDEXED, FAILED, SKIPPED }

    /**
     * @throws dev.lumen.domain.error.UnavailableException when a store or the embedding model cannot
     *                                                     serve now: the request is retried
     */
    public Outcome process(IngestRequested request) {
        Optional<KnowledgeDocument> found = documents.find(request.creatorId(), request.documentId());
        if (found.isEmpty() || found.get().revision() != request.revision()
                || found.get().status() == DocumentStatus.INDEXED) {
            return Outcome.SKIPPED;
        }
        KnowledgeDocument document = found.get();
        Optional<byte[]> content = contents.get(request.creatorId(), request.documentId(), request.revision());
        if (content.isEmpty()) {
            return fail(request, "the uploaded content is missing", document.chunksTotal());
        }
        String text;
        try {
            text = extractor.extract(content.get(), document.contentType());
        } catch (UnprocessableContentException e) {
            return fail(request, e.getMessage(), document.chunksTotal());
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > KnowledgeBase.MAX_TEXT_BYTES) {
            return fail(request, "the document holds more than 5 MB of text", document.chunksTotal());
        }
        // Chunks the previous revision had beyond this one's count go first, so no stale chunk can
        // outlive a crash halfway through indexing (positions below are overwritten in place).
        int previousChunks = document.chunksTotal();
        indexer.removeChunks(request.creatorId(), request.documentId(), indexer.chunkCount(text), previousChunks);
        KnowledgeIndexer.Indexed indexed = indexer.indexDocument(request.creatorId(), request.documentId(),
                document.title(), text, document.metadata(), (done, total) -> documents.updateState(request.creatorId(),
                        request.documentId(), request.revision(), DocumentStatus.PENDING, null, done, total, clock.instant()));
        int chunks = indexed.chunks();
        // Quarantined chunks (prompt injection) were not indexed; the document says how many and why.
        documents.recordQuarantine(request.creatorId(), request.documentId(), request.revision(),
                indexed.quarantined(), indexed.reasons());
        documents.updateState(request.creatorId(), request.documentId(), request.revision(), DocumentStatus.INDEXED,
                null, chunks, chunks, clock.instant());
        return Outcome.INDEXED;
    }

    /**
     * Gives up on a request (its last delivery failed): the document shows why. Its chunk count is
     * kept, so deleting the document still removes whatever was indexed.
     */
    public Outcome giveUp(IngestRequested request, String reason) {
        int chunksTotal = documents.find(request.creatorId(), request.documentId())
                .map(KnowledgeDocument::chunksTotal).orElse(0);
        return fail(request, reason, chunksTotal);
    }

    private Outcome fail(IngestRequested request, String reason, int chunksTotal) {
        documents.updateState(request.creatorId(), request.documentId(), request.revision(), DocumentStatus.FAILED,
                reason, 0, chunksTotal, clock.instant());
        return Outcome.FAILED;
    }
}
