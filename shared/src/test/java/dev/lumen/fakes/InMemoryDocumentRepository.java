package dev.lumen.fakes;

import dev.lumen.domain.knowledge.DocumentRepository;
import dev.lumen.domain.knowledge.DocumentStatus;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link DocumentRepository} for domain unit tests; same contract as the real adapters. */
public final class InMemoryDocumentRepository implements DocumentRepository {
    private static final Comparator<KnowledgeDocument> NEWEST_FIRST =
            Comparator.comparing(KnowledgeDocument::createdAt).reversed().thenComparing(KnowledgeDocument::documentId);

    /** By creator id, then document id. */
    private final Map<String, Map<String, KnowledgeDocument>> documents = new HashMap<>();

    @Override
    public synchronized void save(KnowledgeDocument document) {
        documents.computeIfAbsent(document.creatorId(), c -> new HashMap<>()).put(document.documentId(), document);
    }

    @Override
    public synchronized Optional<KnowledgeDocument> find(String creatorId, String documentId) {
        return Optional.ofNullable(documents.getOrDefault(creatorId, Map.of()).get(documentId));
    }

    @Override
    public synchronized List<KnowledgeDocument> list(String creatorId) {
        return documents.getOrDefault(creatorId, Map.of()).values().stream().sorted(NEWEST_FIRST).toList();
    }

    @Override
    public synchronized boolean updateState(String creatorId, String documentId, int revision, DocumentStatus status,
                                            String reason, int chunksDone, int chunksTotal, Instant at) {
        KnowledgeDocument current = documents.getOrDefault(creatorId, Map.of()).get(documentId);
        if (current == null || current.revision() != revision) {
            return false;
        }
        documents.get(creatorId).put(documentId, new KnowledgeDocument(documentId, creatorId, current.title(),
                current.contentType(), current.metadata(), status, reason, chunksDone, chunksTotal,
                current.contentBytes(), revision, current.createdAt(), at, current.quarantinedChunks(),
                current.quarantine()));
        return true;
    }

    @Override
    public synchronized boolean recordQuarantine(String creatorId, String documentId, int revision,
                                                 int quarantinedChunks, java.util.List<String> reasons) {
        KnowledgeDocument current = documents.getOrDefault(creatorId, Map.of()).get(documentId);
        if (current == null || current.revision() != revision) {
            return false;
        }
        documents.get(creatorId).put(documentId, new KnowledgeDocument(documentId, creatorId, current.title(),
                current.contentType(), current.metadata(), current.status(), current.reason(), current.chunksDone(),
                current.chunksTotal(), current.contentBytes(), revision, current.createdAt(), current.updatedAt(),
                quarantinedChunks, reasons));
        return true;
    }

    @Override
    public synchronized void delete(String creatorId, String documentId) {
        Map<String, KnowledgeDocument> own = documents.get(creatorId);
        if (own != null) {
            own.remove(documentId);
        }
    }
}
