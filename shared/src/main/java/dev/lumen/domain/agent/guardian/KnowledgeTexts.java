package dev.lumen.domain.agent.guardian;

import java.util.List;
import java.util.Optional;

/** Port: the text of an ingested document as it was split for indexing, and what was quarantined. */
public interface KnowledgeTexts {

    /**
     * One revision of a document, split exactly as the indexer split it.
     *
     * @param chunks      every chunk position's text, indexed or not
     * @param quarantined positions not indexed because they read as prompt injection
     * @param reasons     the ingestion's reason per quarantined chunk ({@code chunk 3 (OVERRIDE): …})
     */
    record DocumentText(String creatorId, String documentId, String title, int revision, List<String> chunks,
                        List<Integer> quarantined, List<String> reasons) {
        public DocumentText {
            chunks = List.copyOf(chunks);
            quarantined = List.copyOf(quarantined);
            reasons = List.copyOf(reasons);
        }
    }

    /** The document's current revision; empty when it is gone (deleted since) or its content is. */
    Optional<DocumentText> read(String creatorId, String documentId);
}
