package dev.lumen.domain.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: creators' documents and their ingestion state. */
public interface DocumentRepository {

    /** Stores a document as given, replacing any earlier revision's record. */
    void save(KnowledgeDocument document);

    Optional<KnowledgeDocument> find(String creatorId, String documentId);

    /** A creator's documents, newest first. */
    List<KnowledgeDocument> list(String creatorId);

    /**
     * Records ingestion progress or outcome, but only while {@code revision} is still the
     * document's current one (a re-upload meanwhile makes this a no-op).
     *
     * @return false when the document is gone or has a newer revision
     */
    boolean updateState(String creatorId, String documentId, int revision, DocumentStatus status, String reason,
                        int chunksDone, int chunksTotal, Instant at);

    /**
     * Records the chunks of {@code revision} that were quarantined (not indexed) and why, while it is
     * still the current revision.
     *
     * @return false when the document is gone or has a newer revision
     */
    boolean recordQuarantine(String creatorId, String documentId, int revision, int quarantinedChunks,
                             List<String> reasons);

    /** Removes the record; nothing happens when there is none. */
    void delete(String creatorId, String documentId);
}
