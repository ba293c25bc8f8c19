package dev.lumen.local.bench;

import dev.lumen.adapter.lucene.LuceneVectorStore;
import dev.lumen.adapter.opensearch.OpenSearchVectorStore;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Measures the vector stores on memory-shaped data: bulk and single-document upsert throughput,
 * k=10 search latency p50/p99 with a tenant + persona filter and with a tenant filter, and
 * recall@10 against an exact (brute-force) search of the same documents with the same filters.
 * The embedded Lucene store (in a temporary folder) is always measured, with its beam and commit
 * settings swept; an OpenSearch node is measured the same way through {@code OpenSearchVectorStore}
 * when {@code --opensearch <url>} or {@code LUMEN_OPENSEARCH_URL} names one (under an index name
 * unique to the run, dropped afterwards). Both end in one side-by-side table.
 *
 * <p>By default the vectors are synthetic but clustered like embeddings (384 dimensions; each is one
 * of 100 random centres plus Gaussian noise as large as the centre), so the ten nearest neighbours
 * of a query are close rivals. With {@code --corpus <BEIR corpus.jsonl>} they are real: the corpus's
 * passages (title + text) and the queries of the {@code queries*.jsonl} beside it, embedded with the
 * local MiniLM model. Documents are spread over 2 tenants × 5 personas (~10% of them per tenant +
 * persona, ~50% per tenant) and 50 users.
 *
 * <p>Run with {@code java -jar localstack/target/lumen-local.jar bench-vectors [documents] [queries]}
 * (defaults 10,000 and 500), or {@code … bench-vectors --corpus ../shared/data/scifact/corpus.jsonl};
 * add {@code --opensearch http://127.0.0.1:9200} for a node started by {@code localstack/opensearch/start.sh}.
 */
public final class VectorStoreBenchmark {
    private static final int DIMENSIONS = 384;
    private static final int CLUSTERS = 100;
    private static final int K = 10;
    private static final int BATCH = 100;
    private static final int SINGLE_UPSERTS = 200;
    private static final String INDEX = "bench-memories";
    private static final String LUCENE = "embedded Lucene";
    private static final String OPENSEARCH = "OpenSearch";
    private static final String LOAD_ROW = "bulk upsert, " + BATCH + " per call, visible on return";

    private final String model;
    private final int dimensions;
    private final List<float[]> vectors;
    private final List<VectorDocument> documents;
    private final List<VectorQuery> personaQueries;
    private final List<VectorQuery> tenantQueries;
    private final SideBySide table = new SideBySide("k=10, same data and queries");

    /**
     * @param vectors      the documents' vectors; the upsert measurements reuse them under new ids
     * @param queryVectors each is asked twice, filtered by tenant + persona and by tenant only
     */
    public VectorStoreBenchmark(String model, List<float[]> vectors, List<float[]> queryVectors) {
        this.model = model;
        this.dimensions = vectors.get(0).length;
        this.vectors = vectors;
        documents = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            documents.add(document(i));
        }
        personaQueries = new ArrayList<>(queryVectors.size());
        tenantQueries = new ArrayList<>(queryVectors.size());
        for (int q = 0; q < queryVectors.size(); q++) {
            personaQueries.add(new VectorQuery("creator-" + (q % 2), queryVectors.get(q), K,
                    Map.of("personaId", "persona-" + (q / 2 % 5))));
            tenantQueries.add(new VectorQuery("creator-" + (q % 2), queryVectors.get(q), K, Map.of()));
        }
    }

    public static void main(String[] arguments) throws Exception {
        List<String> args = new ArrayList<>(List.of(arguments));
        Optional<URI> openSearch = OpenSearchTarget.endpoint(args);
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"));
        VectorStoreBenchmark bench;
        if (args.size() > 1 && args.get(0).equals("--corpus")) {
            bench = MiniLmVectors.fromCorpus(Path.of(args.get(1)), args.size() > 2 ? Integer.parseInt(args.get(2)) : 500);
        } else {
            int documentCount = args.size() > 0 ? Integer.parseInt(args.get(0)) : 10_000;
            int queryCount = args.size() > 1 ? Integer.parseInt(args.get(1)) : 500;
            SyntheticVectors synthetic = new SyntheticVectors(DIMENSIONS, CLUSTERS, 42);
            System.out.printf(Locale.ROOT, "data: synthetic, %,d documents × %d dims in %d clusters%n",
                    documentCount, DIMENSIONS, CLUSTERS);
            bench = new VectorStoreBenchmark("synthetic-clustered-" + DIMENSIONS, synthetic.take(documentCount),
                    synthetic.take(queryCount));
        }
        System.out.printf(Locale.ROOT, "layout: 2 tenants × 5 personas, 50 users; %d queries per filter, k=%d%n",
                bench.personaQueries.size(), K);
        Path root = Files.createTempDirectory("vector-store-bench");
        try {
            bench.lucene(root);
        } finally {
            deleteRecursively(root);
        }
        if (openSearch.isPresent()) {
            try (OpenSearchTarget target = OpenSearchTarget.connect(openSearch.get())) {
                bench.openSearch(target);
            }
        } else {
            OpenSearchTarget.printSkipped();
        }
        System.out.println();
        bench.table.print(System.out);
    }

    private void lucene(Path root) {
        System.out.println("== embedded Lucene HNSW (LuceneVectorStore, cosine, M=16, beam 100 at build)");
        try (LuceneVectorStore store = new LuceneVectorStore(root)) {
            table.put(LOAD_ROW, LUCENE, load(store));
            long t0 = System.nanoTime();
            store.close(); // waits for the background merges, so that searches below do not compete with them
            System.out.printf(Locale.ROOT, "  then background merges until close: %.1f s%n", millisSince(t0) / 1000.0);
        }
        System.out.printf(Locale.ROOT, "index on disk: %.1f MiB%n", folderBytes(root) / (1024.0 * 1024.0));

        long t0 = System.nanoTime();
        try (LuceneVectorStore reopened = new LuceneVectorStore(root)) {
            reopened.count(INDEX, "creator-0");
            System.out.printf(Locale.ROOT, "reopen %,d documents and count: %.0f ms%n", documents.size(), millisSince(t0));
        }

        System.out.println("search, k=10, by HNSW beam (candidates explored; the store's default is "
                + LuceneVectorStore.Settings.DEFAULT.candidates() + "):");
        for (int candidates : new int[] {10, 50, 100, 200}) {
            try (LuceneVectorStore store = new LuceneVectorStore(root,
                    new LuceneVectorStore.Settings(candidates, Duration.ZERO))) {
                SearchFigures persona = searches(store, "  candidates " + candidates + ", tenant + persona", personaQueries);
                SearchFigures tenant = searches(store, "  candidates " + candidates + ", tenant only     ", tenantQueries);
                if (candidates == LuceneVectorStore.Settings.DEFAULT.candidates()) {
                    record(LUCENE, persona, tenant);
                }
            }
        }

        System.out.printf(Locale.ROOT, "upserts into the %,d-document index, %d documents, visible on return:%n",
                documents.size(), SINGLE_UPSERTS);
        int nextId = documents.size();
        for (int batch : new int[] {1, 10}) {
            try (LuceneVectorStore store = new LuceneVectorStore(root)) {
                table.put(upsertRow(batch), LUCENE,
                        upserts(store, "  commit on every write (default), " + batch + " per call", nextId, batch));
            }
            nextId += SINGLE_UPSERTS;
            try (LuceneVectorStore store = new LuceneVectorStore(root,
                    new LuceneVectorStore.Settings(100, Duration.ofSeconds(1)))) {
                upserts(store, "  background commit every 1 s, " + batch + " per call", nextId, batch);
            }
            nextId += SINGLE_UPSERTS;
        }
    }

    /**
     * The same measurements through the OpenSearch adapter: writes use {@code refresh=wait_for}, so
     * each returns once a refresh (every second by default) has made it visible to search.
     */
    private void openSearch(OpenSearchTarget target) {
        System.out.println("== " + target.describe() + " (lucene engine, cosinesimil, 1 shard)");
        OpenSearchVectorStore store = target.store();
        try {
            table.put(LOAD_ROW, OPENSEARCH, load(store));
            SearchFigures persona = searches(store, "  search, tenant + persona", personaQueries);
            SearchFigures tenant = searches(store, "  search, tenant only     ", tenantQueries);
            record(OPENSEARCH, persona, tenant);
            System.out.printf(Locale.ROOT, "upserts into the %,d-document index, %d documents, visible on return:%n",
                    documents.size(), SINGLE_UPSERTS);
            int nextId = documents.size();
            for (int batch : new int[] {1, 10}) {
                table.put(upsertRow(batch), OPENSEARCH,
                        upserts(store, "  refresh=wait_for, " + batch + " per call", nextId, batch));
                nextId += SINGLE_UPSERTS;
            }
        } finally {
            target.drop(INDEX);
        }
    }

    private static String upsertRow(int perCall) {
        return "upsert " + perCall + " per call, visible on return: documents/s, p50 / p99 per call";
    }

    private void record(String column, SearchFigures persona, SearchFigures tenant) {
        table.put("search, tenant + persona (~10% of the index), p50 / p99", column, persona.latency());
        table.put("recall@10 vs exact, tenant + persona", column, persona.recall());
        table.put("search, tenant only (~50%), p50 / p99", column, tenant.latency());
        table.put("recall@10 vs exact, tenant only", column, tenant.recall());
    }

    /** Creates the index and upserts every document in batches of {@value #BATCH}; returns the rate. */
    private String load(VectorStore store) {
        long t0 = System.nanoTime();
        store.ensureIndex(new VectorIndex(INDEX, model, dimensions));
        for (int from = 0; from < documents.size(); from += BATCH) {
            store.upsert(INDEX, documents.subList(from, Math.min(documents.size(), from + BATCH)));
        }
        double seconds = millisSince(t0) / 1000.0;
        System.out.printf(Locale.ROOT, "bulk upsert, batches of %d: %,d documents in %.1f s = %,.0f documents/s%n",
                BATCH, documents.size(), seconds, documents.size() / seconds);
        return String.format(Locale.ROOT, "%,.0f documents/s", documents.size() / seconds);
    }

    private SearchFigures searches(VectorStore store, String label, List<VectorQuery> queries) {
        for (int i = 0; i < Math.min(200, queries.size()); i++) { // warm-up, not measured
            store.search(INDEX, queries.get(i));
        }
        Latencies latencies = new Latencies();
        double recall = 0;
        for (VectorQuery query : queries) {
            long t0 = System.nanoTime();
            List<VectorHit> hits = store.search(INDEX, query);
            latencies.since(t0);
            recall += recall(hits, exact(query));
        }
        SearchFigures figures = new SearchFigures(latencies.p50p99(),
                String.format(Locale.ROOT, "%.3f", recall / queries.size()));
        System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms, recall@%d %s (vs exact search)%n", label,
                latencies.p50Millis(), latencies.p99Millis(), K, figures.recall());
        return figures;
    }

    private String upserts(VectorStore store, String label, int firstId, int perCall) {
        Latencies latencies = new Latencies();
        long t0 = System.nanoTime();
        for (int i = 0; i < SINGLE_UPSERTS; i += perCall) {
            List<VectorDocument> batch = new ArrayList<>(perCall);
            for (int j = i; j < i + perCall; j++) {
                batch.add(document(firstId + j));
            }
            long start = System.nanoTime();
            store.upsert(INDEX, batch);
            latencies.since(start);
        }
        double seconds = millisSince(t0) / 1000.0;
        System.out.printf(Locale.ROOT, "%s: %.0f documents/s, per call p50 %.1f ms, p99 %.1f ms%n", label,
                SINGLE_UPSERTS / seconds, latencies.p50Millis(), latencies.p99Millis());
        return String.format(Locale.ROOT, "%,.0f; %s", SINGLE_UPSERTS / seconds, latencies.p50p99());
    }

    /** The ids of the true k nearest documents of the query's tenant that match its filters. */
    private Set<String> exact(VectorQuery query) {
        PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
        for (VectorDocument document : documents) {
            if (!document.tenant().equals(query.tenant())
                    || !query.filters().entrySet().stream()
                    .allMatch(f -> f.getValue().equals(document.attributes().get(f.getKey())))) {
                continue;
            }
            best.add(new Scored(document.id(), VectorHit.scoreOf(query.vector(), document.vector())));
            if (best.size() > query.k()) {
                best.poll();
            }
        }
        Set<String> ids = new HashSet<>();
        best.forEach(scored -> ids.add(scored.id()));
        return ids;
    }

    private static double recall(List<VectorHit> hits, Set<String> exact) {
        if (exact.isEmpty()) {
            return 1;
        }
        long found = hits.stream().filter(hit -> exact.contains(hit.document().id())).count();
        return (double) found / exact.size();
    }

    private VectorDocument document(int i) {
        return new VectorDocument("m" + i, "creator-" + (i % 2), "memory " + i, vectors.get(i % vectors.size()),
                Map.of("personaId", "persona-" + (i / 2 % 5), "userId", "user-" + (i % 50)),
                Instant.ofEpochSecond(1_700_000_000L + i));
    }


    private static double millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e6;
    }

    private static long folderBytes(Path folder) {
        return walk(() -> {
            try (Stream<Path> files = Files.walk(folder)) {
                return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
            }
        });
    }

    private static void deleteRecursively(Path folder) {
        walk(() -> {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            return 0L;
        });
    }

    private static long walk(IoSupplier<Long> body) {
        try {
            return body.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private record Scored(String id, double score) {
    }

    private record SearchFigures(String latency, String recall) {
    }
}
