package dev.lumen.domain.knowledge;

import dev.lumen.domain.safety.InjectionVerdict;
import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Turns a document's text into searchable chunks of a creator's knowledge index: split, embed in
 * batches, upsert. The ingest worker and the retrieval evaluation both index through here, so
 * what is measured is what runs.
 *
 * <p>Each chunk is indexed as {@code title + "\n\n" + chunk}: the title carries meaning the
 * chunk's own words may not (a paper's subject, a guide's topic), for BM25 and embeddings alike.
 *
 * <p>With a chunk screen (the prompt-injection detector), a chunk that reads as instructions to the
 * model is quarantined: not indexed, and any chunk indexed at its position before is removed, so
 * retrieval can never put it in a prompt. It still counts as a position, so later chunks keep ids.
 */
public final class KnowledgeIndexer {
    public static final String INDEX = "knowledge";
    static final String DOCUMENT = "documentId";
    static final String TITLE = "title";
    static final String POSITION = "position";
    /** Creator metadata lives under its own prefix, so no metadata key can pose as a reserved field. */
    static final String METADATA = "meta.";
    static final String TITLE_BREAK = "\n\n";
    /** Texts per embedding call: large enough to amortise a call, small enough to report progress. */
    static final int BATCH = 32;

    private final EmbeddingModel embeddings;
    private final VectorStore vectors;
    private final TextSplitter splitter;
    private final Clock clock;
    private final Function<String, InjectionVerdict> screen;
    private volatile boolean indexReady;

    public KnowledgeIndexer(EmbeddingModel embeddings, VectorStore vectors, TextSplitter splitter, Clock clock) {
        this(embeddings, vectors, splitter, clock, null);
    }

    /** @param screen checks each chunk before it is indexed ({@code InjectionDetector::check}); null for none */
    public KnowledgeIndexer(EmbeddingModel embeddings, VectorStore vectors, TextSplitter splitter, Clock clock,
                            Function<String, InjectionVerdict> screen) {
        this.embeddings = embeddings;
        this.vectors = vectors;
        this.splitter = splitter;
        this.clock = clock;
        this.screen = screen;
    }

    /**
     * What indexing a document did.
     *
     * @param chunks      the document's chunk positions (indexed or quarantined)
     * @param quarantined positions not indexed because they read as prompt injection
     * @param reasons     one line per quarantined chunk, at most {@link KnowledgeDocument#MAX_QUARANTINE_REASONS}
     */
    public record Indexed(int chunks, int quarantined, List<String> reasons) {
        public Indexed {
            reasons = List.copyOf(reasons);
        }
    }

    /** Told after each batch how many chunks of the document are indexed so far. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void indexed(int done, int total);
    }

    /**
     * Indexes a document's chunks (replacing chunks it had at the same positions).
     *
     * @return how many chunks the document now has; the caller removes any positions beyond it
     *         left from an earlier, longer version (see {@link #removeChunks})
     */
    public int index(String creatorId, String documentId, String title, String text, Map<String, String> metadata,
                     Progress progress) {
        return indexDocument(creatorId, documentId, title, text, metadata, progress).chunks();
    }

    /** As {@link #index}, screening each chunk first and saying which were quarantined. */
    public Indexed indexDocument(String creatorId, String documentId, String title, String text,
                                 Map<String, String> metadata, Progress progress) {
        ensureIndex();
        List<String> chunks = splitter.split(text);
        Instant now = clock.instant();
        int quarantined = 0;
        List<String> reasons = new ArrayList<>();
        for (int from = 0; from < chunks.size(); from += BATCH) {
            int to = Math.min(chunks.size(), from + BATCH);
            List<String> texts = new ArrayList<>(to - from);
            List<Integer> positions = new ArrayList<>(to - from);
            List<String> flagged = new ArrayList<>();
            for (int position = from; position < to; position++) {
                String chunkText = title + TITLE_BREAK + chunks.get(position);
                InjectionVerdict verdict = screen == null ? InjectionVerdict.clean() : screen.apply(chunkText);
                if (verdict.flagged()) {
                    quarantined++;
                    flagged.add(chunkId(documentId, position));
                    if (reasons.size() < KnowledgeDocument.MAX_QUARANTINE_REASONS) {
                        reasons.add(reason(position, verdict));
                    }
                    continue;
                }
                texts.add(chunkText);
                positions.add(position);
            }
            if (!flagged.isEmpty()) {
                vectors.delete(INDEX, creatorId, flagged);
            }
            if (!texts.isEmpty()) {
                List<float[]> vectorsOfBatch = embeddings.embed(texts);
                List<VectorDocument> documents = new ArrayList<>(texts.size());
                for (int i = 0; i < texts.size(); i++) {
                    int position = positions.get(i);
                    documents.add(new VectorDocument(chunkId(documentId, position), creatorId, texts.get(i),
                            vectorsOfBatch.get(i), attributes(documentId, title, position, metadata), now));
                }
                vectors.upsert(INDEX, documents);
            }
            progress.indexed(to, chunks.size());
        }
        return new Indexed(chunks.size(), quarantined, reasons);
    }

    private static String reason(int position, InjectionVerdict verdict) {
        String kinds = verdict.kinds().stream().map(Enum::name).sorted().collect(java.util.stream.Collectors.joining(","));
        String evidence = verdict.evidence().isEmpty() ? "" : ": " + verdict.evidence().get(0);
        String line = "chunk " + position + " (" + (kinds.isEmpty() ? "INJECTION" : kinds) + ")" + evidence;
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    /** How many chunks {@link #index} would make of {@code text}. */
    public int chunkCount(String text) {
        return splitter.split(text).size();
    }

    /** Removes a document's chunks at positions {@code from} (inclusive) to {@code to} (exclusive). */
    public void removeChunks(String creatorId, String documentId, int from, int to) {
        if (to <= from) {
            return;
        }
        ensureIndex();
        vectors.delete(INDEX, creatorId, IntStream.range(from, to).mapToObj(p -> chunkId(documentId, p)).toList());
    }

    public static String chunkId(String documentId, int position) {
        return documentId + ":" + position;
    }

    static Map<String, String> attributes(String documentId, String title, int position, Map<String, String> metadata) {
        Map<String, String> attributes = new HashMap<>();
        metadata.forEach((key, value) -> attributes.put(METADATA + key, value));
        attributes.put(DOCUMENT, documentId);
        attributes.put(TITLE, title);
        attributes.put(POSITION, Integer.toString(position));
        return attributes;
    }

    void ensureIndex() {
        if (!indexReady) {
            vectors.ensureIndex(new VectorIndex(INDEX, embeddings.modelId(), embeddings.dimensions()));
            indexReady = true;
        }
    }
}
