package dev.lumen.domain.knowledge;

/** Asks the ingest worker to index one revision of a document (the message on the ingest queue). */
public record IngestRequested(String creatorId, String documentId, int revision) {
}
