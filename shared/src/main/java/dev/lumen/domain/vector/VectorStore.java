package dev.lumen.domain.vector;

import java.util.Collection;
import java.util.List;

/**
 * Port: stores vectors and finds the nearest ones, always within one tenant. Implementations:
 * an embedded Lucene HNSW store (local default) and OpenSearch k-NN (production).
 */
public interface VectorStore {

    /**
     * Creates the index when it does not exist.
     *
     * @throws IndexMismatchException when it exists with another model id or dimension
     */
    void ensureIndex(VectorIndex index);

    /** Adds or replaces documents by id; writing the same document twice leaves one. Visible to search on return. */
    void upsert(String index, List<VectorDocument> documents);

    /** The nearest documents of the query's tenant that match all its filters, best first. */
    List<VectorHit> search(String index, VectorQuery query);

    /**
     * The documents of the query's tenant that match all its filters, ranked by BM25 on their
     * text (k1 1.2, b 0.75, English analysis), best first. Scores are raw BM25, comparable only
     * within one answer: fuse with vector results by rank (see
     * {@link dev.lumen.domain.knowledge.ReciprocalRankFusion}), not by score.
     */
    List<VectorHit> lexicalSearch(String index, TextQuery query);

    /** Removes documents of a tenant by id; ids of other tenants are left alone. */
    void delete(String index, String tenant, Collection<String> ids);

    /** How many documents a tenant has in the index. */
    long count(String index, String tenant);
}
