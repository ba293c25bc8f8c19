package dev.lumen.domain.knowledge;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.PayloadTooLargeException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A creator's documents: upload (stored, then queued for the ingest worker), list, read, delete.
 *
 * <p>An upload is acknowledged ({@code 202}) only once its content is stored and its ingest
 * request is on the queue; if the queue refuses it, the document is marked failed with a reason
 * and the caller gets a 503, so nothing acknowledged waits for an ingest that never comes.
 */
public final class KnowledgeBase {
    /** Extracted text above this is refused (413): ~1,250 pages of prose. */
    public static final int MAX_TEXT_BYTES = 5 * 1024 * 1024;
    /** Uploads above this are refused before anything is stored (API Gateway allows 10 MB). */
    public static final int MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
    static final int MAX_TITLE = 300;
    static final int MAX_METADATA_ENTRIES = 20;
    static final int MAX_METADATA_VALUE = 500;
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final DocumentRepository documents;
    private final DocumentContentStore contents;
    private final IngestPublisher ingest;
    private final KnowledgeIndexer indexer;
    private final Clock clock;

    public KnowledgeBase(DocumentRepository documents, DocumentContentStore contents, IngestPublisher ingest,
                         KnowledgeIndexer indexer, Clock clock) {
        this.documents = documents;
        this.contents = contents;
        this.ingest = ingest;
        this.indexer = indexer;
        this.clock = clock;
    }

    /**
     * Stores a document (a new one, or a new revision of {@code documentId}) and queues it for
     * indexing; it is searchable once its status is {@link DocumentStatus#INDEXED}.
     *
     * @param documentId null for a new id
     */
    public KnowledgeDocument submit(String creatorId, String documentId, String title, ContentType type,
                                    Map<String, String> metadata, byte[] content) {
        Ids.require("creatorId", creatorId);
        String id = documentId == null ? Ids.random() : Ids.require("documentId", documentId);
        String cleanTitle = validTitle(title);
        validMetadata(metadata);
        if (content == null || content.length == 0) {
            throw new ValidationException("missing_field", "'content' is required and must not be empty");
        }
        if (content.length > MAX_UPLOAD_BYTES
                || (type == ContentType.TEXT || type == ContentType.MARKDOWN) && content.length > MAX_TEXT_BYTES) {
            throw new PayloadTooLargeException("document_too_large",
                    "a document may hold at most " + MAX_TEXT_BYTES / (1024 * 1024) + " MB of text");
        }
        Instant now = clock.instant();
        KnowledgeDocument previous = documents.find(creatorId, id).orElse(null);
        int revision = previous == null ? 1 : previous.revision() + 1;
        // chunksTotal keeps the previous revision's count until the worker splits this one: the
        // worker needs it to remove chunks the new revision no longer has.
        KnowledgeDocument document = new KnowledgeDocument(id, creatorId, cleanTitle, type, metadata,
                DocumentStatus.PENDING, null, 0, previous == null ? 0 : previous.chunksTotal(), content.length, revision,
                previous == null ? now : previous.createdAt(), now);
        contents.put(creatorId, id, revision, content);
        documents.save(document);
        try {
            ingest.publish(new IngestRequested(creatorId, id, revision));
        } catch (RuntimeException e) {
            documents.updateState(creatorId, id, revision, DocumentStatus.FAILED,
                    "could not be queued for indexing; upload it again", 0, document.chunksTotal(), clock.instant());
            throw new UnavailableException("ingest_unavailable", "the document could not be queued for indexing", e);
        }
        return document;
    }

    public List<KnowledgeDocument> list(String creatorId) {
        return documents.list(Ids.require("creatorId", creatorId));
    }

    public KnowledgeDocument get(String creatorId, String documentId) {
        return documents.find(Ids.require("creatorId", creatorId), Ids.require("documentId", documentId))
                .orElseThrow(() -> new NotFoundException("document_not_found",
                        "creator '" + creatorId + "' has no document '" + documentId + "'"));
    }

    /** Removes the document's chunks from the index, its content and its record. */
    public void delete(String creatorId, String documentId) {
        KnowledgeDocument document = get(creatorId, documentId);
        indexer.removeChunks(creatorId, documentId, 0, document.chunksTotal());
        contents.delete(creatorId, documentId);
        documents.delete(creatorId, documentId);
    }

    private static String validTitle(String title) {
        if (title == null || title.isBlank()) {
            throw new ValidationException("missing_field", "'title' is required");
        }
        if (title.strip().length() > MAX_TITLE) {
            throw new ValidationException("too_long", "'title' is longer than " + MAX_TITLE + " characters");
        }
        return title.strip();
    }

    private static void validMetadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            throw new ValidationException("too_much_metadata", "'metadata' holds at most " + MAX_METADATA_ENTRIES + " entries");
        }
        metadata.forEach((key, value) -> {
            if (!METADATA_KEY.matcher(key).matches()) {
                throw new ValidationException("invalid_metadata",
                        "metadata keys are 1-64 letters, digits, '-' or '_'; '" + key + "' is not");
            }
            if (value == null || value.length() > MAX_METADATA_VALUE) {
                throw new ValidationException("invalid_metadata",
                        "metadata '" + key + "' must be a string of at most " + MAX_METADATA_VALUE + " characters");
            }
        });
    }
}
