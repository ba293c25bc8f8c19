package dev.lumen.domain.agent.guardian;

import dev.lumen.domain.knowledge.DocumentContentStore;
import dev.lumen.domain.knowledge.DocumentRepository;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import dev.lumen.domain.knowledge.TextExtractor;
import dev.lumen.domain.knowledge.TextSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link KnowledgeTexts} from what ingestion itself reads: the stored upload, extracted and split
 * the same way (same extractor, same splitter settings), so chunk positions match the indexed
 * chunk ids. Reading the source rather than the vector index needs no new vector-store query and
 * also shows the quarantined chunks, which the index never held.
 */
public final class StoredKnowledgeTexts implements KnowledgeTexts {
    private static final Pattern POSITION = Pattern.compile("^chunk (\\d+)\\b");

    private final DocumentRepository documents;
    private final DocumentContentStore contents;
    private final TextExtractor extractor;
    private final TextSplitter splitter;

    public StoredKnowledgeTexts(DocumentRepository documents, DocumentContentStore contents, TextExtractor extractor,
                                TextSplitter splitter) {
        this.documents = documents;
        this.contents = contents;
        this.extractor = extractor;
        this.splitter = splitter;
    }

    @Override
    public Optional<DocumentText> read(String creatorId, String documentId) {
        Optional<KnowledgeDocument> found = documents.find(creatorId, documentId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        KnowledgeDocument document = found.get();
        Optional<byte[]> content = contents.get(creatorId, documentId, document.revision());
        if (content.isEmpty()) {
            return Optional.empty();
        }
        List<String> chunks = splitter.split(extractor.extract(content.get(), document.contentType()));
        List<Integer> quarantined = new ArrayList<>();
        for (String reason : document.quarantine()) {
            Matcher m = POSITION.matcher(reason);
            if (m.find()) {
                quarantined.add(Integer.parseInt(m.group(1)));
            }
        }
        return Optional.of(new DocumentText(creatorId, documentId, document.title(), document.revision(), chunks,
                quarantined, document.quarantine()));
    }
}
