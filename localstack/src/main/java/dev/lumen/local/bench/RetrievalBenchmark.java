package dev.lumen.local.bench;

import dev.lumen.adapter.lucene.LuceneVectorStore;
import dev.lumen.adapter.onnx.MiniLmEmbeddingModel;
import dev.lumen.domain.knowledge.KnowledgeHit;
import dev.lumen.domain.knowledge.KnowledgeIndexer;
import dev.lumen.domain.knowledge.KnowledgeSearch;
import dev.lumen.domain.knowledge.SearchMode;
import dev.lumen.domain.knowledge.TextCleaner;
import dev.lumen.domain.knowledge.TextSplitter;
import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Retrieval quality of Lumen's knowledge search on a BEIR collection, measured through the code
 * that runs in production: every document goes through {@link TextCleaner} and
 * {@link KnowledgeIndexer} (recursive splitter 1,000/200, title + chunk embedded with the local
 * MiniLM model, upserted into the chosen store), every query through {@link KnowledgeSearch} in
 * each mode. A document's rank is its best chunk's: the search asks for {@value #CHUNKS_PER_QUERY}
 * chunks and keeps each document's first. Prints nDCG@10, recall@100 and MRR@10 (averaged over the
 * queries with a relevant document), search latency p50/p99 (query embedding included) and ingest
 * throughput.
 *
 * <p>Run: {@code java -jar localstack/target/lumen-local.jar bench-retrieval [--data ../shared/data/scifact]
 * [--queries queries-train.jsonl] [--qrels qrels/train.tsv] [--store lucene|opensearch]
 * [--opensearch URL] [--modes dense,lexical,hybrid] [--limit-docs N]}; query and qrels paths are
 * relative to the data folder. Lucene writes to a temporary folder deleted afterwards; OpenSearch
 * to an index unique to the run, dropped afterwards.
 */
public final class RetrievalBenchmark {
    static final String TENANT = "beir";
    /** Enough chunks that ~100 distinct documents remain after keeping each document's best chunk. */
    static final int CHUNKS_PER_QUERY = 400;
    private static final int NDCG_AT = 10;
    private static final int RECALL_AT = 100;
    private static final int MRR_AT = 10;
    /** Queries run per mode before timing, so the first searches' class loading and JIT are not measured. */
    private static final int WARM_UP = 10;
    private static final int PROGRESS_EVERY = 500;
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final BeirDataset dataset;
    private final EmbeddingModel model;

    private RetrievalBenchmark(BeirDataset dataset, EmbeddingModel model) {
        this.dataset = dataset;
        this.model = model;
    }

    public static void main(String[] arguments) throws IOException {
        List<String> args = new ArrayList<>(List.of(arguments));
        Optional<URI> openSearch = OpenSearchTarget.endpoint(args);
        Path data = Path.of(option(args, "--data", "../shared/data/scifact"));
        Path queries = data.resolve(option(args, "--queries", "queries-train.jsonl"));
        Path qrels = data.resolve(option(args, "--qrels", "qrels/train.tsv"));
        String storeName = option(args, "--store", "lucene").toLowerCase(Locale.ROOT);
        List<SearchMode> modes = Stream.of(option(args, "--modes", "dense,lexical,hybrid").split(","))
                .map(SearchMode::parse).toList();
        int limitDocs = Integer.parseInt(option(args, "--limit-docs", "0"));
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("unknown arguments " + args + "; usage: bench-retrieval [--data DIR]"
                    + " [--queries FILE] [--qrels FILE] [--store lucene|opensearch] [--opensearch URL]"
                    + " [--modes dense,lexical,hybrid] [--limit-docs N]");
        }
        if (!storeName.equals("lucene") && !storeName.equals("opensearch")) {
            throw new IllegalArgumentException("--store must be lucene or opensearch, not " + storeName);
        }
        if (storeName.equals("opensearch") && openSearch.isEmpty()) {
            throw new IllegalArgumentException("--store opensearch needs " + OpenSearchTarget.FLAG
                    + " URL (or " + OpenSearchTarget.ENV + "), e.g. a node started by localstack/opensearch/start.sh");
        }

        long t0 = System.nanoTime();
        BeirDataset dataset = BeirDataset.load(data.resolve("corpus.jsonl"), queries, qrels, limitDocs);
        System.out.printf(Locale.ROOT, "dataset %s: %,d documents, %,d judged queries from %s and %s (read in %.1f s)%s%n",
                data.toAbsolutePath().normalize(), dataset.documents().size(), dataset.queries().size(),
                queries.getFileName(), data.relativize(qrels), secondsSince(t0),
                limitDocs > 0 ? " — a slice (--limit-docs): not comparable with full runs" : "");
        System.out.printf(Locale.ROOT, "machine: %d cores, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        EmbeddingModel model = new MiniLmEmbeddingModel();
        t0 = System.nanoTime();
        model.embed("load the model");
        System.out.printf(Locale.ROOT, "%s: model load + first call %.1f s%n", model.modelId(), secondsSince(t0));
        RetrievalBenchmark bench = new RetrievalBenchmark(dataset, model);

        if (storeName.equals("lucene")) {
            Path root = Files.createTempDirectory("retrieval-bench");
            try (LuceneVectorStore store = new LuceneVectorStore(root)) {
                bench.run("embedded Lucene (LuceneVectorStore, default settings) in " + root, store, modes);
            } finally {
                deleteRecursively(root);
            }
        } else {
            try (OpenSearchTarget target = OpenSearchTarget.connect(openSearch.get())) {
                try {
                    bench.run(target.describe(), target.store(), modes);
                } finally {
                    target.drop(KnowledgeIndexer.INDEX);
                }
            }
        }
    }

    private void run(String storeDescription, VectorStore store, List<SearchMode> modes) {
        System.out.println("== store: " + storeDescription);
        Ingest ingest = ingest(store);
        KnowledgeSearch search = new KnowledgeSearch(model, store);
        List<ModeResult> results = new ArrayList<>();
        for (SearchMode mode : modes) {
            try {
                results.add(evaluate(search, mode, ingest.corpusIds()));
            } catch (RuntimeException e) {
                System.out.printf(Locale.ROOT, "%s: failed: %s%n", label(mode), e);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "ingest: %,d documents -> %,d chunks in %.1f s = %,.1f documents/s, %,.1f chunks/s"
                        + " (embedding %.1f s of it, %.0f%%)%s%n",
                ingest.documents(), ingest.chunks(), ingest.seconds(), ingest.documents() / ingest.seconds(),
                ingest.chunks() / ingest.seconds(), ingest.embeddingSeconds(),
                100 * ingest.embeddingSeconds() / ingest.seconds(),
                ingest.withoutChunks() > 0 ? String.format(Locale.ROOT, "; %d documents had no text", ingest.withoutChunks()) : "");
        System.out.printf(Locale.ROOT, "%-8s %8s %11s %7s %8s %8s %s%n", "mode", "nDCG@10", "recall@100", "MRR@10",
                "p50 ms", "p99 ms", "documents ranked per query (min / median)");
        for (ModeResult result : results) {
            System.out.printf(Locale.ROOT, "%-8s %8.3f %11.3f %7.3f %8s %8s %d / %d%n", label(result.mode()),
                    result.ndcg(), result.recall(), result.mrr(), Latencies.millis(result.latencies().p50Millis()),
                    Latencies.millis(result.latencies().p99Millis()), result.minRanked(), result.medianRanked());
        }
        System.out.printf(Locale.ROOT, "(%,d queries; search latency includes embedding the query; %d chunks asked per"
                + " query, a document ranked by its best chunk)%n", dataset.queries().size(), CHUNKS_PER_QUERY);
        System.out.println("published on SciFact's test split (300 queries): BM25 nDCG@10 0.665, all-MiniLM-L6-v2 0.645");
    }

    /** Indexes every document through {@link KnowledgeIndexer}, one call per document as the ingest worker does. */
    private Ingest ingest(VectorStore store) {
        TimedEmbeddings timed = new TimedEmbeddings(model);
        KnowledgeIndexer indexer = new KnowledgeIndexer(timed, store, TextSplitter.defaults(), Clock.systemUTC());
        Map<String, String> corpusIds = new HashMap<>();
        long chunks = 0;
        int withoutChunks = 0;
        int done = 0;
        long t0 = System.nanoTime();
        for (BeirDataset.Document document : dataset.documents()) {
            String documentId = lumenId(document.id(), corpusIds);
            corpusIds.put(documentId, document.id());
            int count = indexer.index(TENANT, documentId, TextCleaner.clean(document.title()),
                    TextCleaner.clean(document.text()), Map.of(), KnowledgeIndexer.Progress.NONE);
            chunks += count;
            withoutChunks += count == 0 ? 1 : 0;
            done++;
            if (done % PROGRESS_EVERY == 0) {
                double seconds = secondsSince(t0);
                System.out.printf(Locale.ROOT, "  indexed %,d / %,d documents, %,d chunks, %.0f s (%.1f documents/s)%n",
                        done, dataset.documents().size(), chunks, seconds, done / seconds);
            }
        }
        return new Ingest(done, chunks, withoutChunks, secondsSince(t0), timed.nanos / 1e9, corpusIds);
    }

    private ModeResult evaluate(KnowledgeSearch search, SearchMode mode, Map<String, String> corpusIds) {
        List<BeirDataset.Query> queries = dataset.queries();
        for (int i = 0; i < Math.min(WARM_UP, queries.size()); i++) {
            search.search(TENANT, queries.get(i).text(), CHUNKS_PER_QUERY, Map.of(), mode);
        }
        Latencies latencies = new Latencies();
        double ndcg = 0;
        double recall = 0;
        double mrr = 0;
        List<Integer> ranked = new ArrayList<>(queries.size());
        for (BeirDataset.Query query : queries) {
            long t0 = System.nanoTime();
            List<KnowledgeHit> hits = search.search(TENANT, query.text(), CHUNKS_PER_QUERY, Map.of(), mode);
            latencies.since(t0);
            List<String> ranking = documentRanking(hits, corpusIds);
            ranked.add(ranking.size());
            Map<String, Integer> relevance = dataset.relevance(query.id());
            ndcg += RankingMetrics.ndcgAt(NDCG_AT, ranking, relevance);
            recall += RankingMetrics.recallAt(RECALL_AT, ranking, relevance);
            mrr += RankingMetrics.reciprocalRankAt(MRR_AT, ranking, relevance);
        }
        int n = queries.size();
        ranked.sort(Comparator.naturalOrder());
        ModeResult result = new ModeResult(mode, ndcg / n, recall / n, mrr / n, latencies,
                n == 0 ? 0 : ranked.get(0), n == 0 ? 0 : ranked.get(n / 2));
        System.out.printf(Locale.ROOT, "%s: nDCG@10 %.3f, recall@100 %.3f, MRR@10 %.3f, p50/p99 %s%n", label(mode),
                result.ndcg(), result.recall(), result.mrr(), latencies.p50p99());
        return result;
    }

    /** Corpus ids in the order of their documents' best chunks. */
    static List<String> documentRanking(List<KnowledgeHit> hits, Map<String, String> corpusIds) {
        Set<String> ranking = new LinkedHashSet<>();
        for (KnowledgeHit hit : hits) {
            ranking.add(corpusIds.getOrDefault(hit.documentId(), hit.documentId()));
        }
        return List.copyOf(ranking);
    }

    /**
     * The corpus id itself when it is a valid Lumen id (SciFact's are numbers); otherwise its
     * characters outside {@code [A-Za-z0-9_-]} replaced, made unique with a counter.
     */
    static String lumenId(String corpusId, Map<String, String> taken) {
        if (VALID_ID.matcher(corpusId).matches() && !taken.containsKey(corpusId)) {
            return corpusId;
        }
        String base = corpusId.replaceAll("[^A-Za-z0-9_-]", "_");
        base = base.substring(0, Math.min(base.length(), 100));
        String id = base;
        for (int n = 2; id.isEmpty() || taken.containsKey(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static String label(SearchMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** The value after {@code flag} (both removed from {@code args}), or the default. */
    private static String option(List<String> args, String flag, String defaultValue) {
        int at = args.indexOf(flag);
        if (at < 0) {
            return defaultValue;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args.get(at + 1);
        args.subList(at, at + 2).clear();
        return value;
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private record Ingest(int documents, long chunks, int withoutChunks, double seconds, double embeddingSeconds,
                          Map<String, String> corpusIds) {
    }

    private record ModeResult(SearchMode mode, double ndcg, double recall, double mrr, Latencies latencies,
                              int minRanked, int medianRanked) {
    }

    /** Counts the time spent embedding, to tell the model's share of ingest time from the store's. */
    private static final class TimedEmbeddings implements EmbeddingModel {
        private final EmbeddingModel model;
        private long nanos;

        TimedEmbeddings(EmbeddingModel model) {
            this.model = model;
        }

        @Override
        public String modelId() {
            return model.modelId();
        }

        @Override
        public int dimensions() {
            return model.dimensions();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            long t0 = System.nanoTime();
            try {
                return model.embed(texts);
            } finally {
                nanos += System.nanoTime() - t0;
            }
        }
    }
}
