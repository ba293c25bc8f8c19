package dev.lumen.domain.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A creator's document and its ingestion state.
 *
 * @param revision     1 for the first upload, +1 for each re-upload under the same id; the worker
 *                     only ever writes the state of the revision it indexed, so a newer upload wins
 * @param reason       why ingestion failed; null unless {@link DocumentStatus#FAILED}
 * @param chunksDone   chunks indexed so far (progress of a large document)
 * @param chunksTotal  chunks the document splits into; 0 until the worker has split it
 * @param contentBytes size of the uploaded content
 * @param quarantinedChunks chunks of this revision that read as prompt injection and were not indexed
 *                     (so never retrieved); counted in {@code chunksTotal}
 * @param quarantine   why, one line per quarantined chunk (at most {@value #MAX_QUARANTINE_REASONS})
 */
public record KnowledgeDocument(String documentId, String creatorId, String title, ContentType contentType,
                                Map<String, String> metadata, DocumentStatus status, String reason,
                                int chunksDone, int chunksTotal, long contentBytes, int revision,
                                Instant createdAt, Instant updatedAt, int quarantinedChunks, List<String> quarantine) {

    /** Reasons kept per document: enough to find and fix the passages, bounded for the item size. */
    public static final int MAX_QUARANTINE_REASONS = 20;

    public KnowledgeDocument {
        metadata = Map.copyOf(metadata);
        quarantine = quarantine == null ? List.of() : List.copyOf(quarantine);
    }

    /** A document with nothing quarantined. */
    public KnowledgeDocument(String documentId, String creatorId, String title, ContentType contentType,
                             Map<String, String> metadata, DocumentStatus status, String reason,
                             int chunksDone, int chunksTotal, long contentBytes, int revision,
                             Instant createdAt, Instant updatedAt) {
        this(documentId, creatorId, title, contentType, metadata, status, reason, chunksDone, chunksTotal,
                contentBytes, revision, createdAt, updatedAt, 0, List.of());
    }
}
