package dev.lumen.domain.knowledge;

import java.time.Instant;
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
 */
public record KnowledgeDocument(String documentId, String creatorId, String title, ContentType contentType,
                                Map<String, String> metadata, DocumentStatus status, String reason,
                                int chunksDone, int chunksTotal, long contentBytes, int revision,
                                Instant createdAt, Instant updatedAt) {

    public KnowledgeDocument {
        metadata = Map.copyOf(metadata);
    }
}
