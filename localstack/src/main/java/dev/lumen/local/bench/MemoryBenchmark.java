package dev.lumen.local.bench;

import dev.lumen.adapter.lucene.LuceneVectorStore;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.domain.memory.RecalledMemory;
import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Measures long-term memory the way Lumen uses it, at 10,000 memories, on each vector store:
 * {@link MemoryService#remember} (embed one exchange + upsert one memory, as the interaction worker
 * does per message) and {@link MemoryService#recall} (embed the new message + k=5 search filtered
 * by persona and user, as chat does per turn), p50/p99, next to the embedding alone so the store's
 * share is visible; then the store's search alone, k=10, with the per-user filter and two broad
 * ones, each compared with an exact (brute-force) search of the same memories (recall@10).
 *
 * <p>The index is first filled with {@link MemoryCorpus}'s generated exchanges, embedded with the
 * same MiniLM model (so recall queries and memories share one vector space; the vectors are cached
 * under {@code java.io.tmpdir/lumen-bench} after the first run) and written in bulk.
 *
 * <p>Run with {@code java -jar localstack/target/lumen-local.jar bench-memory [memories] [calls]}
 * (defaults 10,000 and 200); add {@code --opensearch http://127.0.0.1:9200} (or set
 * {@code LUMEN_OPENSEARCH_URL}) to measure an OpenSearch node too, e.g. one started by
 * {@code localstack/opensearch/start.sh}. OpenSearch gets an index unique to the run, dropped at the end.
 */
public final class MemoryBenchmark {
    private static final int DEFAULT_MEMORIES = 10_000;
    private static final int DEFAULT_CALLS = 200;
    private static final int WARM_UP = 20;
    private static final int FILL_BATCH = 500;
    private static final int EMBED_BATCH = 32;
    private static final int THROUGHPUT_SAMPLE = 500;
    private static final int RECALL_K = 5;
    private static final int K = 10;
    private static final long SEED = 42;
    /** Bump when {@link MemoryCorpus}'s texts change, so a stale vector cache is not reused. */
    private static final String CORPUS_VERSION = "v1";
    private static final String LUCENE = "embedded Lucene";
    private static final String OPENSEARCH = "OpenSearch";
    // MemoryService's attribute names (package-private there); a mismatch would show as empty recalls
    private static final String PERSONA = "personaId";
    private static final String USER = "userId";
    private static final String SESSION = "sessionId";

    private final EmbeddingModel model;
    private final MemoryCorpus corpus;
    private final List<VectorDocument> fill;
    private final int calls;
    private final SideBySide table;

    private MemoryBenchmark(EmbeddingModel model, MemoryCorpus corpus, List<VectorDocument> fill, int calls) {
        this.model = model;
        this.corpus = corpus;
        this.fill = fill;
        this.calls = calls;
        this.table = new SideBySide(String.format(Locale.ROOT, "%,d memories, %s, %d calls each",
                fill.size(), model.modelId(), calls));
    }

    public static void main(String[] arguments) throws Exception {
        List<String> args = new ArrayList<>(List.of(arguments));
        Optional<URI> openSearch = OpenSearchTarget.endpoint(args);
        int memories = args.size() > 0 ? Integer.parseInt(args.get(0)) : DEFAULT_MEMORIES;
        int calls = args.size() > 1 ? Integer.parseInt(args.get(1)) : DEFAULT_CALLS;
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, java %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"), loadAverage());
        System.out.printf(Locale.ROOT, "layout: %d tenants × %d personas, %d users with one persona each: %,d memories"
                        + " per user, %,d per persona, %,d per tenant%n", MemoryCorpus.TENANTS,
                MemoryCorpus.PERSONAS_PER_TENANT, MemoryCorpus.USERS, memories / MemoryCorpus.USERS,
                memories / (MemoryCorpus.TENANTS * MemoryCorpus.PERSONAS_PER_TENANT), memories / MemoryCorpus.TENANTS);

        EmbeddingModel model = new MiniLmEmbeddingModel();
        long t0 = System.nanoTime();
        model.embed("load the model");
        System.out.printf(Locale.ROOT, "%s: model load + first call %.1f s%n", model.modelId(), secondsSince(t0));
        MemoryCorpus corpus = new MemoryCorpus(SEED);
        MemoryBenchmark bench = new MemoryBenchmark(model, corpus, fillDocuments(model, corpus, memories), calls);

        Path root = Files.createTempDirectory("memory-bench");
        try {
            System.out.println("== embedded Lucene HNSW (LuceneVectorStore, default settings: beam 100, commit every write)");
            try (LuceneVectorStore store = new LuceneVectorStore(root)) {
                bench.fill(LUCENE, store);
                long merges = System.nanoTime();
                store.close(); // waits for background merges, so that they do not compete with the timed calls
                System.out.printf(Locale.ROOT, "  then background merges until close: %.1f s%n", secondsSince(merges));
            }
            try (LuceneVectorStore store = new LuceneVectorStore(root)) {
                bench.measure(LUCENE, store, null);
            }
        } finally {
            deleteRecursively(root);
        }
        if (openSearch.isPresent()) {
            try (OpenSearchTarget target = OpenSearchTarget.connect(openSearch.get())) {
                System.out.println("== " + target.describe() + " (OpenSearchVectorStore: lucene engine, cosinesimil,"
                        + " writes with refresh=wait_for)");
                try {
                    bench.fill(OPENSEARCH, target.store());
                    bench.measure(OPENSEARCH, target.store(), target);
                } finally {
                    target.drop(MemoryService.INDEX);
                }
            }
        } else {
            OpenSearchTarget.printSkipped();
        }
        System.out.println();
        System.out.println("load average at the end: " + loadAverage());
        bench.table.print(System.out);
    }

    /** Creates the memories index as {@code MemoryService} would and bulk-loads the generated memories. */
    private void fill(String column, VectorStore store) {
        long t0 = System.nanoTime();
        store.ensureIndex(new VectorIndex(MemoryService.INDEX, model.modelId(), model.dimensions()));
        for (int from = 0; from < fill.size(); from += FILL_BATCH) {
            store.upsert(MemoryService.INDEX, fill.subList(from, Math.min(fill.size(), from + FILL_BATCH)));
        }
        double seconds = secondsSince(t0);
        System.out.printf(Locale.ROOT, "fill: %,d memories in batches of %d in %.1f s = %,.0f memories/s%n",
                fill.size(), FILL_BATCH, seconds, fill.size() / seconds);
        table.put(String.format(Locale.ROOT, "fill, bulk upsert %d per call (precomputed vectors)", FILL_BATCH), column,
                String.format(Locale.ROOT, "%,.0f memories/s", fill.size() / seconds));
    }

    /** @param openSearch when the store is OpenSearch: also splits its search time (node vs. transfer) */
    private void measure(String column, VectorStore store, OpenSearchTarget openSearch) {
        MemoryService memories = new MemoryService(model, store);
        List<VectorDocument> indexed = new ArrayList<>(fill); // what an exact search sees

        for (int i = 0; i < WARM_UP; i++) { // JIT, connections, searcher: not measured
            MemoryCorpus.Memory memory = corpus.memory("warm-", i);
            memories.remember(memory.interaction());
            indexed.add(document(memory, model.embed(memory.text())));
            MemoryCorpus.RecallMessage message = corpus.recallMessage(1_000_000 + i);
            memories.recall(message.tenant(), message.personaId(), message.userId(), message.text(), RECALL_K);
        }

        // The same texts that remember and recall embed below, embedded alone: the model's share.
        List<MemoryCorpus.Memory> exchanges = new ArrayList<>(calls);
        List<float[]> exchangeVectors = new ArrayList<>(calls);
        Latencies embedExchange = new Latencies();
        for (int i = 0; i < calls; i++) {
            MemoryCorpus.Memory memory = corpus.memory("live-", i);
            exchanges.add(memory);
            long t0 = System.nanoTime();
            exchangeVectors.add(model.embed(memory.text()));
            embedExchange.since(t0);
        }
        List<MemoryCorpus.RecallMessage> messages = new ArrayList<>(calls);
        List<float[]> messageVectors = new ArrayList<>(calls);
        Latencies embedMessage = new Latencies();
        for (int i = 0; i < calls; i++) {
            MemoryCorpus.RecallMessage message = corpus.recallMessage(i);
            messages.add(message);
            long t0 = System.nanoTime();
            messageVectors.add(model.embed(message.text()));
            embedMessage.since(t0);
        }

        Latencies remember = new Latencies();
        for (int i = 0; i < calls; i++) {
            MemoryCorpus.Memory memory = exchanges.get(i);
            long t0 = System.nanoTime();
            memories.remember(memory.interaction());
            remember.since(t0);
            indexed.add(document(memory, exchangeVectors.get(i)));
        }
        System.out.printf(Locale.ROOT, "remember (embed + upsert 1): p50 %.1f ms, p99 %.1f ms; embedding alone p50 %.1f ms,"
                        + " p99 %.1f ms%n", remember.p50Millis(), remember.p99Millis(), embedExchange.p50Millis(),
                embedExchange.p99Millis());

        Latencies recall = new Latencies();
        int empty = 0;
        for (MemoryCorpus.RecallMessage message : messages) {
            long t0 = System.nanoTime();
            List<RecalledMemory> recalled = memories.recall(message.tenant(), message.personaId(), message.userId(),
                    message.text(), RECALL_K);
            recall.since(t0);
            empty += recalled.size() < RECALL_K ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "recall (embed + k=%d search, persona + user): p50 %.1f ms, p99 %.1f ms; embedding"
                        + " alone p50 %.1f ms, p99 %.1f ms%s%n", RECALL_K, recall.p50Millis(), recall.p99Millis(),
                embedMessage.p50Millis(), embedMessage.p99Millis(),
                empty == 0 ? "" : "; WARNING: " + empty + " recalls returned fewer than " + RECALL_K);

        table.put("remember = embed + upsert 1 memory, p50 / p99", column, remember.p50p99());
        table.put("   embedding alone (same exchanges), p50 / p99", column, embedExchange.p50p99());
        table.put("   store's share, p50 (difference)", column,
                Latencies.millis(remember.p50Millis() - embedExchange.p50Millis()) + " ms");
        table.put("recall k=" + RECALL_K + " = embed + search (persona + user), p50 / p99", column, recall.p50p99());
        table.put("   embedding alone (same messages), p50 / p99", column, embedMessage.p50p99());
        table.put("   search's share, p50 (difference)", column,
                Latencies.millis(recall.p50Millis() - embedMessage.p50Millis()) + " ms");

        int perUser = indexed.size() / MemoryCorpus.USERS;
        int perPersona = indexed.size() / (MemoryCorpus.TENANTS * MemoryCorpus.PERSONAS_PER_TENANT);
        int perTenant = indexed.size() / MemoryCorpus.TENANTS;
        List<VectorQuery> byUser = searches(column, store, indexed, messages, messageVectors,
                "persona + user (~" + perUser + " memories)", true, true);
        if (openSearch != null) {
            Latencies took = new Latencies();
            Latencies withoutVectors = new Latencies();
            byUser.forEach(query -> openSearch.probe(MemoryService.INDEX, query, took, withoutVectors));
            System.out.printf(Locale.ROOT, "  the same searches sent directly: node's own time (took) p50 %.0f ms,"
                    + " p99 %.0f ms; round trip without the vectors in the answer p50 %.1f ms, p99 %.1f ms%n",
                    took.p50Millis(), took.p99Millis(), withoutVectors.p50Millis(), withoutVectors.p99Millis());
            table.put("   the node's own time (took), p50 / p99", column, took.p50p99());
            table.put("   round trip without the stored vectors in the answer, p50 / p99", column, withoutVectors.p50p99());
        }
        searches(column, store, indexed, messages, messageVectors, "persona (~" + String.format(Locale.ROOT, "%,d", perPersona)
                + ")", true, false);
        searches(column, store, indexed, messages, messageVectors, "tenant only (~" + String.format(Locale.ROOT, "%,d",
                perTenant) + ")", false, false);
    }

    /**
     * k=10 searches of the store alone with the recall messages' vectors, timed and checked against
     * exact search; returns the queries.
     */
    private List<VectorQuery> searches(String column, VectorStore store, List<VectorDocument> indexed,
                          List<MemoryCorpus.RecallMessage> messages, List<float[]> vectors, String label,
                          boolean byPersona, boolean byUser) {
        List<VectorQuery> queries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            MemoryCorpus.RecallMessage message = messages.get(i);
            Map<String, String> filters = new LinkedHashMap<>();
            if (byPersona) {
                filters.put(PERSONA, message.personaId());
            }
            if (byUser) {
                filters.put(USER, message.userId());
            }
            queries.add(new VectorQuery(message.tenant(), vectors.get(i), K, filters));
        }
        for (int i = 0; i < Math.min(WARM_UP, queries.size()); i++) {
            store.search(MemoryService.INDEX, queries.get(i));
        }
        Latencies latencies = new Latencies();
        double recall = 0;
        for (VectorQuery query : queries) {
            long t0 = System.nanoTime();
            List<VectorHit> hits = store.search(MemoryService.INDEX, query);
            latencies.since(t0);
            recall += recall(hits, exact(indexed, query));
        }
        double meanRecall = recall / queries.size();
        System.out.printf(Locale.ROOT, "search alone, k=%d, %s: p50 %.2f ms, p99 %.2f ms, recall@%d %.3f vs exact%n",
                K, label, latencies.p50Millis(), latencies.p99Millis(), K, meanRecall);
        table.put("search alone k=" + K + ", " + label + ": p50 / p99; recall@" + K + " vs exact", column,
                String.format(Locale.ROOT, "%s; %.3f", latencies.p50p99(), meanRecall));
        return queries;
    }

    /** The ids of the true k nearest memories of the query's tenant that match its filters. */
    private static Set<String> exact(List<VectorDocument> documents, VectorQuery query) {
        PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
        for (VectorDocument document : documents) {
            if (!document.tenant().equals(query.tenant()) || !query.filters().entrySet().stream()
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
        return (double) hits.stream().filter(hit -> exact.contains(hit.document().id())).count() / exact.size();
    }

    private static VectorDocument document(MemoryCorpus.Memory memory, float[] vector) {
        return new VectorDocument(memory.id(), memory.tenant(), memory.text(), vector,
                Map.of(PERSONA, memory.personaId(), USER, memory.userId(), SESSION, memory.sessionId()),
                memory.occurredAt());
    }

    /**
     * The generated memories with their MiniLM vectors, embedded in batches (timed: the embedding
     * throughput) or read from the cache of an earlier run, in which case a sample is embedded so the
     * throughput is still measured.
     */
    private static List<VectorDocument> fillDocuments(EmbeddingModel model, MemoryCorpus corpus, int count)
            throws IOException {
        List<MemoryCorpus.Memory> memories = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            memories.add(corpus.memory("m", i));
        }
        List<String> texts = memories.stream().map(MemoryCorpus.Memory::text).toList();
        double meanChars = texts.stream().mapToInt(String::length).average().orElse(0);
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "lumen-bench",
                String.format(Locale.ROOT, "memories-%s-%s-%d-%d.f32", CORPUS_VERSION, model.modelId(), count, SEED));
        List<float[]> vectors = readCache(cache, count, model.dimensions());
        List<String> timed = vectors == null ? texts : texts.subList(0, Math.min(THROUGHPUT_SAMPLE, texts.size()));
        long t0 = System.nanoTime();
        List<float[]> embedded = embed(model, timed);
        double seconds = secondsSince(t0);
        System.out.printf(Locale.ROOT, "embedding throughput: %,d memory texts (mean %.0f chars), batches of %d, in %.1f s"
                + " = %.0f texts/s%s%n", timed.size(), meanChars, EMBED_BATCH, seconds, timed.size() / seconds,
                vectors == null ? "" : " (sample; the " + String.format(Locale.ROOT, "%,d", count)
                        + " vectors came from " + cache + ")");
        if (vectors == null) {
            vectors = embedded;
            writeCache(cache, vectors);
        }
        List<VectorDocument> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            documents.add(document(memories.get(i), vectors.get(i)));
        }
        return documents;
    }

    private static List<float[]> embed(EmbeddingModel model, List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
            vectors.addAll(model.embed(texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH))));
        }
        return vectors;
    }

    /** Null when there is no cache of this size (a stale or partial file is ignored). */
    private static List<float[]> readCache(Path cache, int count, int dimensions) throws IOException {
        if (!Files.isRegularFile(cache) || Files.size(cache) != (long) count * dimensions * Float.BYTES) {
            return null;
        }
        List<float[]> vectors = new ArrayList<>(count);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
            for (int i = 0; i < count; i++) {
                float[] vector = new float[dimensions];
                for (int d = 0; d < dimensions; d++) {
                    vector[d] = in.readFloat();
                }
                vectors.add(vector);
            }
        }
        return vectors;
    }

    private static void writeCache(Path cache, List<float[]> vectors) throws IOException {
        Files.createDirectories(cache.getParent());
        Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            for (float[] vector : vectors) {
                for (float value : vector) {
                    out.writeFloat(value);
                }
            }
        }
        Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private record Scored(String id, double score) {
    }
}
