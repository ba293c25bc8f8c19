package dev.lumen.domain.knowledge;

import java.util.Optional;

/**
 * Port: the uploaded bytes of documents, kept per revision until the document is deleted
 * (S3 in AWS; a folder under {@code LUMEN_DATA_DIR} locally).
 */
public interface DocumentContentStore {

    void put(String creatorId, String documentId, int revision, byte[] content);

    Optional<byte[]> get(String creatorId, String documentId, int revision);

    /** Removes every revision of a document's content. */
    void delete(String creatorId, String documentId);
}
