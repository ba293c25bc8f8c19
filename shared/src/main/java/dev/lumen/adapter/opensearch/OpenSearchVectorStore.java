package dev.lumen.adapter.opensearch;

import static dev.lumen.adapter.opensearch.VectorIndexMapping.ATTRIBUTES;
import static dev.lumen.adapter.opensearch.VectorIndexMapping.TENANT;
import static dev.lumen.adapter.opensearch.VectorIndexMapping.TEXT;
import static dev.lumen.adapter.opensearch.VectorIndexMapping.VECTOR;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.domain.vector.IndexMismatchException;
import dev.lumen.domain.vector.TextQuery;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.indices.get_mapping.IndexMappingRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VectorStore} on OpenSearch k-NN (Amazon OpenSearch Service in production, a local node in
 * tests): one OpenSearch index per {@link VectorIndex}, the lucene HNSW engine with cosine
 * similarity, and the tenant in the filter of every search (see {@link VectorIndexMapping}).
 *
 * <ul>
 *   <li>A document's {@code _id} is built from its tenant and id, so tenants cannot overwrite each
 *       other's documents.</li>
 *   <li>Writes and deletes use {@code refresh=wait_for}: visible to search and count on return,
 *       without forcing a refresh per call.</li>
 *   <li>Scores are OpenSearch's for {@code cosinesimil} on the lucene engine, {@code (1 + cos) / 2},
 *       the scale {@link VectorHit#score()} asks for.</li>
 *   <li>Lexical search is a {@code match} (any of the words) on {@code text}, analysed with the
 *       {@code english} analyser and scored by BM25, inside a {@code bool} whose non-scoring filter
 *       holds the tenant and attributes: the score is the raw BM25 sum. Term statistics are the
 *       index's (one shard), across tenants: scores shift a little with other tenants' documents,
 *       the set of hits never does.</li>
 *   <li>Every document is checked before any is sent, so a batch with a bad document writes nothing.
 *       A refusal by the node itself (rare: e.g. a keyword over 32 KB) fails the call after the rest
 *       of its bulk request was written; upserts are idempotent, so the caller retries the batch.</li>
 * </ul>
 *
 * Thread-safe; share one per process.
 */
public final class OpenSearchVectorStore implements VectorStore {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchVectorStore.class);
    /** Documents per bulk request: ~2 MB with 384-dimensional vectors, well under any request limit. */
    static final int BULK_SIZE = 500;
    /** As {@link VectorIndex} requires; checked here too, so no wildcard or other index reaches a request. */
    private static final String INDEX_NAME = "[a-z0-9][a-z0-9-]{0,62}";
    private static final OpenSearchCalls DEFAULT_CALLS = new OpenSearchCalls(3, Duration.ofMillis(200));

    private final OpenSearchClient client;
    private final String indexPrefix;
    private final OpenSearchCalls calls;
    /** Definitions of indexes known to exist, so a write can check vectors without asking the node. */
    private final ConcurrentMap<String, VectorIndex> known = new ConcurrentHashMap<>();

    /**
     * @param client      from {@link OpenSearchClients#create}; its JSON mapper keeps vectors exact
     * @param indexPrefix put before every index name, e.g. {@code lumen-prod-} so stages can share a
     *                    domain; may be empty
     */
    public OpenSearchVectorStore(OpenSearchClient client, String indexPrefix) {
        this(client, indexPrefix, DEFAULT_CALLS);
    }

    OpenSearchVectorStore(OpenSearchClient client, String indexPrefix, OpenSearchCalls calls) {
        if (indexPrefix == null || !indexPrefix.matches("[a-z0-9._-]*") || indexPrefix.startsWith("_")
                || indexPrefix.startsWith("-")) {
            throw new IllegalArgumentException("an index prefix is lower-case letters, digits, '.', '_' and '-': " + indexPrefix);
        }
        this.client = client;
        this.indexPrefix = indexPrefix;
        this.calls = calls;
    }

    /** The OpenSearch index that holds {@code index}. */
    public String physicalName(String index) {
        return indexPrefix + index;
    }

    @Override
    public void ensureIndex(VectorIndex index) {
        String name = index.name();
        VectorIndex existing = read(name).orElseGet(() -> create(index));
        if (!existing.modelId().equals(index.modelId()) || existing.dimensions() != index.dimensions()) {
            throw new IndexMismatchException("vector index '" + name + "' holds " + existing.modelId() + " vectors of "
                    + existing.dimensions() + " dimensions, not " + index.modelId() + " of " + index.dimensions()
                    + "; re-embed into a new index instead of mixing models");
        }
        known.put(name, existing);
    }

    @Override
    public void upsert(String index, List<VectorDocument> documents) {
        VectorIndex definition = definition(index);
        for (VectorDocument document : documents) {
            requireText(document.id(), "id");
            requireText(document.tenant(), "tenant");
            if (document.text() == null) {
                throw new IllegalArgumentException("a vector document needs a text");
            }
            definition.requireFits(document.vector());
            document.attributes().keySet().forEach(OpenSearchVectorStore::requireAttributeName);
        }
        for (int from = 0; from < documents.size(); from += BULK_SIZE) {
            List<BulkOperation> operations = documents.subList(from, Math.min(documents.size(), from + BULK_SIZE))
                    .stream()
                    .map(document -> BulkOperation.of(op -> op.index(write -> write
                            .index(physicalName(index))
                            .id(DocumentSource.documentId(document.tenant(), document.id()))
                            .document(DocumentSource.toSource(document)))))
                    .toList();
            bulk("upsert", index, operations);
        }
    }

    @Override
    public List<VectorHit> search(String index, VectorQuery query) {
        VectorIndex definition = definition(index);
        definition.requireFits(query.vector());
        SearchResponse<ObjectNode> response = calls.run("search", index, () -> client.search(search -> search
                .index(physicalName(index))
                .size(query.k())
                .trackTotalHits(total -> total.enabled(false))
                .query(q -> q.knn(knn -> knn
                        .field(VECTOR)
                        .vector(query.vector())
                        .k(query.k())
                        // inside the k-NN query, so the k nearest are chosen among the tenant's
                        // documents (a post-filter would drop hits and return fewer than k)
                        .filter(filter(query.tenant(), query.filters())))), ObjectNode.class));
        return hits(response, query.tenant());
    }

    @Override
    public List<VectorHit> lexicalSearch(String index, TextQuery query) {
        definition(index);
        SearchResponse<ObjectNode> response = calls.run("lexical search", index, () -> client.search(search -> search
                .index(physicalName(index))
                .size(query.k())
                .trackTotalHits(total -> total.enabled(false))
                .query(q -> q.bool(bool -> bool
                        // the text is the query's words, never query syntax
                        .must(must -> must.match(match -> match
                                .field(TEXT)
                                .query(FieldValue.of(query.text()))
                                .operator(Operator.Or)))
                        .filter(filter(query.tenant(), query.filters())))), ObjectNode.class));
        return hits(response, query.tenant());
    }

    private static List<VectorHit> hits(SearchResponse<ObjectNode> response, String tenant) {
        List<VectorHit> hits = new ArrayList<>(response.hits().hits().size());
        for (Hit<ObjectNode> hit : response.hits().hits()) {
            VectorDocument document = DocumentSource.fromSource(hit.source());
            if (!document.tenant().equals(tenant)) {
                // cannot happen while the filter is built as below; never hand out another tenant's text
                throw new IllegalStateException("a search of tenant '" + tenant + "' returned another tenant's document");
            }
            hits.add(new VectorHit(document, hit.score() == null ? 0 : hit.score()));
        }
        return hits;
    }

    @Override
    public void delete(String index, String tenant, Collection<String> ids) {
        definition(index);
        requireText(tenant, "tenant");
        List<String> unique = ids.stream().distinct().toList();
        for (int from = 0; from < unique.size(); from += BULK_SIZE) {
            List<BulkOperation> operations = unique.subList(from, Math.min(unique.size(), from + BULK_SIZE)).stream()
                    .map(id -> BulkOperation.of(op -> op.delete(delete -> delete
                            .index(physicalName(index))
                            .id(DocumentSource.documentId(tenant, id)))))
                    .toList();
            bulk("delete", index, operations);
        }
    }

    @Override
    public long count(String index, String tenant) {
        definition(index);
        requireText(tenant, "tenant");
        return calls.run("count", index, () -> client.count(count -> count
                .index(physicalName(index))
                .query(q -> q.term(term -> term.field(TENANT).value(FieldValue.of(tenant)))))).count();
    }

    /** The tenant, always, and one exact term per attribute filter; non-scoring. */
    static Query filter(String tenant, Map<String, String> filters) {
        return Query.of(q -> q.bool(bool -> {
            bool.filter(f -> f.term(term -> term.field(TENANT).value(FieldValue.of(tenant))));
            filters.forEach((name, value) -> bool.filter(f -> f.term(term -> term
                    .field(ATTRIBUTES + "." + VectorIndexMapping.attributeField(name)).value(FieldValue.of(value)))));
            return bool;
        }));
    }

    private void bulk(String operation, String index, List<BulkOperation> operations) {
        BulkResponse response = calls.run(operation, index, () -> {
            BulkResponse attempt = client.bulk(bulk -> bulk.operations(operations).refresh(Refresh.WaitFor));
            // Items the node had no room for (429) or failed on (5xx) pass on a retry of the batch;
            // items that did succeed are written again with the same content, which changes nothing.
            if (attempt.errors() && attempt.items().stream().anyMatch(item -> OpenSearchCalls.isTransient(item.status()))) {
                throw new OpenSearchCalls.TransientFailure(operation + " on '" + index + "' was partly rejected");
            }
            return attempt;
        });
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null || (operation.equals("delete") && item.status() == 404
                    && !"index_not_found_exception".equals(item.error().type()))) {
                continue; // deleting a document that is not there is fine
            }
            if ("index_not_found_exception".equals(item.error().type())) {
                known.remove(index);
                throw new IllegalStateException("no vector index '" + index + "'; ensureIndex creates it");
            }
            if (item.status() == 400) {
                throw new IllegalArgumentException("OpenSearch refused a document of '" + index + "': "
                        + OpenSearchCalls.reason(item.error()));
            }
            throw new IllegalStateException("OpenSearch refused a document of '" + index + "' with status "
                    + item.status() + ": " + OpenSearchCalls.reason(item.error()));
        }
    }

    /** The index's definition, from memory or the node; an index that does not exist is refused. */
    private VectorIndex definition(String index) {
        if (index == null || !index.matches(INDEX_NAME)) {
            throw new IllegalArgumentException("index name must be lower-case letters, digits and '-': " + index);
        }
        VectorIndex definition = known.get(index);
        if (definition != null) {
            return definition;
        }
        definition = read(index).orElseThrow(() ->
                new IllegalStateException("no vector index '" + index + "'; ensureIndex creates it"));
        known.put(index, definition);
        return definition;
    }

    /** What the index was made for, from its mapping; empty when it does not exist. */
    private Optional<VectorIndex> read(String index) {
        String physical = physicalName(index);
        try {
            return calls.run("read index", index, () -> {
                Map<String, IndexMappingRecord> mappings = client.indices().getMapping(get -> get.index(physical)).result();
                // keyed by the concrete index, which differs when the name is an alias
                IndexMappingRecord record = mappings.size() == 1 ? mappings.values().iterator().next() : mappings.get(physical);
                if (record == null) {
                    throw new IllegalStateException("'" + physical + "' names " + mappings.size() + " indexes, not one");
                }
                return Optional.of(VectorIndexMapping.definition(index, record.mappings()));
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof OpenSearchException cause && OpenSearchCalls.isIndexNotFound(cause)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private VectorIndex create(VectorIndex index) {
        try {
            calls.run("create index", index.name(),
                    () -> client.indices().create(VectorIndexMapping.createRequest(physicalName(index.name()), index)));
            LOG.atInfo().setMessage("created vector index").addKeyValue("index", physicalName(index.name()))
                    .addKeyValue("modelId", index.modelId()).addKeyValue("dimensions", index.dimensions()).log();
            return index;
        } catch (IllegalArgumentException e) {
            // Another process created it between our read and our create: compare with what it made.
            if (e.getCause() instanceof OpenSearchException cause
                    && "resource_already_exists_exception".equals(cause.error().type())) {
                return read(index.name()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * A blank field name is refused by the node after the rest of its batch was written. (Dots are
     * fine: see {@link VectorIndexMapping#attributeField}.)
     */
    private static void requireAttributeName(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("an attribute name must not be blank: '" + name + "'");
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a vector document needs a " + field);
        }
    }

}
