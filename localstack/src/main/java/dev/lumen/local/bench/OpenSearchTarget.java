package dev.lumen.local.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.adapter.opensearch.OpenSearchClients;
import dev.lumen.adapter.opensearch.OpenSearchVectorStore;
import dev.lumen.domain.vector.VectorQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;

/**
 * An OpenSearch node to measure, through the production adapter ({@link OpenSearchVectorStore},
 * unsigned client). Every run writes under its own index prefix, so it never touches the indexes
 * of the local runner or of another run, and {@link #drop} removes the run's indexes afterwards
 * (with the client directly: the {@code VectorStore} port deletes documents, not indexes).
 */
final class OpenSearchTarget implements AutoCloseable {
    static final String FLAG = "--opensearch";
    static final String ENV = "LUMEN_OPENSEARCH_URL";

    private final URI endpoint;
    private final OpenSearchClient client;
    private final OpenSearchVectorStore store;
    private final String prefix;

    private OpenSearchTarget(URI endpoint) {
        this.endpoint = endpoint;
        this.client = OpenSearchClients.create(endpoint, "us-east-1", false);
        this.prefix = "lumen-bench-" + Long.toString(System.currentTimeMillis(), 36) + "-";
        this.store = new OpenSearchVectorStore(client, prefix);
    }

    /**
     * The node given by {@code --opensearch <url>} (removed from {@code args}) or by
     * {@value #ENV}; empty when neither is set.
     */
    static Optional<URI> endpoint(List<String> args) {
        int flag = args.indexOf(FLAG);
        if (flag >= 0) {
            if (flag + 1 >= args.size()) {
                throw new IllegalArgumentException(FLAG + " needs a URL, e.g. " + FLAG + " http://127.0.0.1:9200");
            }
            URI uri = URI.create(args.get(flag + 1));
            args.subList(flag, flag + 2).clear();
            return Optional.of(uri);
        }
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(URI.create(env.strip()));
    }

    static void printSkipped() {
        System.out.println("== OpenSearch: skipped (no node given). To measure it too: localstack/opensearch/start.sh, then add "
                + FLAG + " http://127.0.0.1:9200 or set " + ENV);
    }

    static OpenSearchTarget connect(URI endpoint) {
        return new OpenSearchTarget(endpoint);
    }

    OpenSearchVectorStore store() {
        return store;
    }

    /** e.g. {@code OpenSearch 2.19.1 at http://127.0.0.1:9200, index prefix lumen-bench-xyz-}. */
    String describe() {
        String version;
        try {
            version = client.info().version().number();
        } catch (IOException | RuntimeException e) {
            version = "(version unknown: " + e.getMessage() + ")";
        }
        return String.format(Locale.ROOT, "OpenSearch %s at %s, index prefix %s", version, endpoint, prefix);
    }

    /**
     * Sends the adapter's k-NN query for {@code query} directly, with the stored vector left out of
     * the answer, and records the node's own time ({@code took}) and the round trip: what is left of
     * the adapter's search time is the vectors' JSON going over the wire and being parsed.
     */
    void probe(String index, VectorQuery query, Latencies nodeTook, Latencies withoutVectors) {
        // the same filter as OpenSearchVectorStore.filter: tenant + one term per attribute
        Query filter = Query.of(q -> q.bool(bool -> {
            bool.filter(f -> f.term(term -> term.field("tenant").value(FieldValue.of(query.tenant()))));
            query.filters().forEach((name, value) ->
                    bool.filter(f -> f.term(term -> term.field("attributes." + name).value(FieldValue.of(value)))));
            return bool;
        }));
        try {
            long t0 = System.nanoTime();
            SearchResponse<ObjectNode> response = client.search(search -> search
                    .index(store.physicalName(index))
                    .size(query.k())
                    .trackTotalHits(total -> total.enabled(false))
                    .source(source -> source.filter(only -> only.excludes("vector")))
                    .query(q -> q.knn(knn -> knn.field("vector").vector(query.vector()).k(query.k()).filter(filter))),
                    ObjectNode.class);
            withoutVectors.since(t0);
            nodeTook.add(response.took() * 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the run's OpenSearch index for {@code index}; a failure is printed, not thrown. */
    void drop(String index) {
        String physical = store.physicalName(index);
        try {
            client.indices().delete(delete -> delete.index(physical));
            System.out.println("dropped OpenSearch index " + physical);
        } catch (OpenSearchException e) {
            if (e.status() != 404) {
                System.out.println("could not drop OpenSearch index " + physical + ": " + e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("could not drop OpenSearch index " + physical + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException e) {
            // nothing left to do with a client that is going away
        }
    }
}
