package dev.lumen.domain.knowledge;

import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.TextQuery;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retrieval from one creator's knowledge: dense (k-NN on embeddings), lexical (BM25) or hybrid
 * (both, fused by reciprocal rank). Always inside the creator's tenant; metadata filters apply
 * only to the creator's own metadata fields.
 */
public final class KnowledgeSearch {
    public static final int MAX_K = 1_000;
    /**
     * Hybrid asks each retriever for this many times k (at least {@link #MIN_CANDIDATES}): a chunk
     * ranked low by one and high by the other must be in both lists to be fused fairly.
     */
    static final int CANDIDATE_FACTOR = 4;
    static final int MIN_CANDIDATES = 50;

    private final EmbeddingModel embeddings;
    private final VectorStore vectors;
    private volatile boolean indexReady;

    public KnowledgeSearch(EmbeddingModel embeddings, VectorStore vectors) {
        this.embeddings = embeddings;
        this.vectors = vectors;
    }

    /** The {@code k} best chunks for {@code query}, best first. */
    public List<KnowledgeHit> search(String creatorId, String query, int k, Map<String, String> metadataFilter,
                                     SearchMode mode) {
        if (!indexReady) {
            // A creator who has not uploaded anything yet gets no hits rather than a missing-index error.
            vectors.ensureIndex(new VectorIndex(KnowledgeIndexer.INDEX, embeddings.modelId(), embeddings.dimensions()));
            indexReady = true;
        }
        Map<String, String> filters = new HashMap<>();
        metadataFilter.forEach((key, value) -> filters.put(KnowledgeIndexer.METADATA + key, value));
        List<VectorHit> hits = switch (mode) {
            case DENSE -> dense(creatorId, query, k, filters);
            case LEXICAL -> lexical(creatorId, query, k, filters);
            case HYBRID -> {
                int candidates = Math.min(MAX_K, Math.max(MIN_CANDIDATES, k * CANDIDATE_FACTOR));
                yield ReciprocalRankFusion.fuse(k, dense(creatorId, query, candidates, filters),
                        lexical(creatorId, query, candidates, filters));
            }
        };
        return hits.stream().map(KnowledgeSearch::hit).toList();
    }

    private List<VectorHit> dense(String creatorId, String query, int k, Map<String, String> filters) {
        return vectors.search(KnowledgeIndexer.INDEX, new VectorQuery(creatorId, embeddings.embed(query), k, filters));
    }

    private List<VectorHit> lexical(String creatorId, String query, int k, Map<String, String> filters) {
        return vectors.lexicalSearch(KnowledgeIndexer.INDEX, new TextQuery(creatorId, query, k, filters));
    }

    private static KnowledgeHit hit(VectorHit hit) {
        VectorDocument doc = hit.document();
        Map<String, String> metadata = new HashMap<>();
        doc.attributes().forEach((key, value) -> {
            if (key.startsWith(KnowledgeIndexer.METADATA)) {
                metadata.put(key.substring(KnowledgeIndexer.METADATA.length()), value);
            }
        });
        String title = doc.attributes().getOrDefault(KnowledgeIndexer.TITLE, "");
        String prefix = title + KnowledgeIndexer.TITLE_BREAK;
        String text = doc.text().startsWith(prefix) ? doc.text().substring(prefix.length()) : doc.text();
        return new KnowledgeHit(doc.id(), doc.attributes().get(KnowledgeIndexer.DOCUMENT), title,
                Integer.parseInt(doc.attributes().getOrDefault(KnowledgeIndexer.POSITION, "0")), text, hit.score(), metadata);
    }
}
