package dev.lumen.adapter.lucene;

import dev.lumen.domain.vector.IndexMismatchException;
import dev.lumen.domain.vector.TextQuery;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VectorStore} on embedded Lucene HNSW indexes on disk: the local stack's default, no server
 * to start, and the indexes survive restarts. One Lucene directory per index under the root folder
 * ({@code <root>/<index name>}); the index's model id and dimension live in its commit user data,
 * written atomically with the documents.
 *
 * <p><b>Identity.</b> A document is keyed by tenant and id together (see
 * {@link VectorDocumentFields#key}): ids are unique per tenant, and a tenant that reuses another
 * tenant's id writes, replaces or deletes only its own document.
 *
 * <p><b>Search.</b> Cosine HNSW ({@code KnnFloatVectorQuery}) with the tenant term, and one term per
 * filter, as a pre-filter: the graph walk only collects matching documents, and when the filter
 * matches fewer documents than the walk would visit, Lucene scores the matches exactly instead, so
 * a filter that matches few documents still finds all of them. HNSW
 * explores {@code max(k, candidates)} neighbours and the best {@code k} are returned: a wider beam
 * than k buys recall for little time. Scores are Lucene's cosine score, {@code (1 + cos) / 2}.
 *
 * <p><b>Lexical search.</b> BM25 ({@code k1} 1.2, {@code b} 0.75) on the {@code text} field, which
 * is analysed with Lucene's {@link EnglishAnalyzer} (standard tokenizer, possessives, lower case,
 * English stop words, Porter stemming — the same chain as OpenSearch's {@code english} analyzer).
 * The query text goes through the same analyser, its terms are OR-ed, and the tenant and attribute
 * filters are non-scoring clauses, so the score is the raw BM25 sum. Term statistics (document
 * frequencies, average length) are the index's, across tenants, as in OpenSearch: scores shift a
 * little with other tenants' documents, the set of hits never does.
 *
 * <p><b>Indexes from before lexical search</b> (schema 1) analysed {@code text} with the standard
 * analyser, without stemming. They open and keep working: k-NN is unchanged and new writes are
 * analysed the English way, but older documents only match a lexical query on their unstemmed
 * words (e.g. "runs" but not "run"). Nothing is re-indexed automatically: re-ingest into a fresh
 * folder to get full lexical search. Opening such an index logs a warning.
 *
 * <p><b>Durability.</b> Every upsert and delete refreshes the searchers before it returns, so it is
 * visible on return. By default it also commits (fsync) first, so it is durable on return and a
 * crash loses nothing. {@link Settings#commitInterval()} trades that for speed: writes are then
 * committed by a background thread at that interval (and on {@link #close()}), and a crash of the
 * process or machine loses at most the writes of the last interval. Measured on 2 cores (README,
 * benchmarks): one document per call, ~25 documents/s committing each write against ~150/s with
 * background commits; ten per call, ~500–600/s against ~600–1,300/s. Callers that can should upsert
 * in batches.
 *
 * <p>Thread-safe: Lucene's {@link IndexWriter} takes concurrent writes and a {@link SearcherManager}
 * hands out searchers. One process per root folder (Lucene's write lock refuses a second).
 * {@link #close()} commits and releases the folders.
 */
public final class LuceneVectorStore implements VectorStore, AutoCloseable {

    /**
     * Tuning.
     *
     * @param candidates     neighbours HNSW explores per search when k is smaller (its beam width)
     * @param commitInterval {@link Duration#ZERO}: commit every write before returning; longer: commit
     *                       in the background at this interval (a crash loses at most that much)
     */
    public record Settings(int candidates, Duration commitInterval) {
        /**
         * Durable writes and a beam of 100: recall@10 1.000 against exact search on MiniLM vectors
         * of SciFact, where a beam of 10 gives 0.950 and 50 gives 0.998 (README, benchmarks).
         */
        public static final Settings DEFAULT = new Settings(100, Duration.ZERO);

        public Settings {
            if (candidates < 1) {
                throw new IllegalArgumentException("candidates must be positive");
            }
            if (commitInterval.isNegative()) {
                throw new IllegalArgumentException("commitInterval must not be negative");
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LuceneVectorStore.class);
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String MODEL_ID = "lumen.modelId";
    private static final String DIMENSIONS = "lumen.dimensions";
    /** Version of the field layout in {@link VectorDocumentFields}, for a future change to check. */
    private static final String SCHEMA = "lumen.schema";
    private static final String SCHEMA_VERSION = "2";
    /** Schema 1 analysed text with the standard analyser; 2 with the English one (BM25 search). */
    private static final String SCHEMA_BEFORE_ENGLISH = "1";
    /** Lucene's defaults, named here because the port promises them. */
    private static final BM25Similarity BM25 = new BM25Similarity(1.2f, 0.75f);
    private static final SearcherFactory BM25_SEARCHERS = new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(BM25);
            return searcher;
        }
    };

    private final Path root;
    private final Settings settings;
    /** Thread-safe once built; analyses documents (through the writers) and queries alike. */
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Map<String, OpenIndex> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService committer;
    private volatile boolean closed;

    /** A store under {@code root} (e.g. {@code $LUMEN_DATA_DIR/vectors}); existing indexes there are reopened. */
    public LuceneVectorStore(Path root) {
        this(root, Settings.DEFAULT);
    }

    public LuceneVectorStore(Path root, Settings settings) {
        this.root = root;
        this.settings = settings;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the vector folder " + root, e);
        }
        if (settings.commitInterval().isZero()) {
            committer = null;
        } else {
            committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "lucene-vector-commit");
                thread.setDaemon(true);
                return thread;
            });
            long millis = Math.max(1, settings.commitInterval().toMillis());
            committer.scheduleWithFixedDelay(this::commitPending, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void ensureIndex(VectorIndex index) {
        OpenIndex existing = openIndex(index.name(), index);
        VectorIndex stored = existing.definition;
        if (!stored.modelId().equals(index.modelId()) || stored.dimensions() != index.dimensions()) {
            throw new IndexMismatchException("vector index '" + index.name() + "' holds " + stored.modelId()
                    + " vectors of " + stored.dimensions() + " dimensions, not " + index.modelId() + " of "
                    + index.dimensions() + "; re-embed into a new index");
        }
    }

    @Override
    public void upsert(String index, List<VectorDocument> documents) {
        OpenIndex target = existingIndex(index);
        // Check the whole batch first, so that a bad document writes nothing.
        for (VectorDocument document : documents) {
            requireText(document.id(), "id");
            requireText(document.tenant(), "tenant");
            if (document.text() == null) {
                throw new IllegalArgumentException("a vector document needs a text");
            }
            target.definition.requireFits(document.vector());
        }
        if (documents.isEmpty()) {
            return;
        }
        try {
            for (VectorDocument document : documents) {
                target.writer.updateDocument(VectorDocumentFields.key(document.tenant(), document.id()),
                        VectorDocumentFields.toLucene(document));
            }
            target.publish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to vector index '" + index + "'", e);
        }
    }

    @Override
    public List<VectorHit> search(String index, VectorQuery query) {
        OpenIndex target = existingIndex(index);
        target.definition.requireFits(query.vector());
        BooleanQuery.Builder filter = new BooleanQuery.Builder();
        filters(query.tenant(), query.filters()).forEach(clause -> filter.add(clause, BooleanClause.Occur.FILTER));
        KnnFloatVectorQuery knn = new KnnFloatVectorQuery(VectorDocumentFields.VECTOR, query.vector(),
                Math.max(query.k(), settings.candidates()), filter.build());
        return top(index, target, knn, query.k());
    }

    @Override
    public List<VectorHit> lexicalSearch(String index, TextQuery query) {
        OpenIndex target = existingIndex(index);
        // OR of the analysed terms (a term twice in the query counts twice, as in OpenSearch's match);
        // null when analysis leaves nothing, e.g. a query of stop words only.
        Query words = new QueryBuilder(analyzer).createBooleanQuery(VectorDocumentFields.TEXT, query.text());
        if (words == null) {
            return List.of();
        }
        BooleanQuery.Builder lexical = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST);
        filters(query.tenant(), query.filters()).forEach(filter -> lexical.add(filter, BooleanClause.Occur.FILTER));
        return top(index, target, lexical.build(), query.k());
    }

    /** The tenant, always, and one exact term per attribute filter. */
    private static List<Query> filters(String tenant, Map<String, String> attributes) {
        List<Query> filters = new ArrayList<>(attributes.size() + 1);
        filters.add(new TermQuery(VectorDocumentFields.tenant(tenant)));
        attributes.forEach((name, value) -> filters.add(new TermQuery(VectorDocumentFields.attribute(name, value))));
        return filters;
    }

    /** The best {@code k} documents for a query, with their scores. */
    private static List<VectorHit> top(String index, OpenIndex target, Query query, int k) {
        try {
            IndexSearcher searcher = target.searchers.acquire();
            try {
                ScoreDoc[] top = searcher.search(query, k).scoreDocs;
                StoredFields stored = searcher.storedFields();
                List<VectorHit> hits = new ArrayList<>(top.length);
                for (ScoreDoc hit : top) {
                    hits.add(new VectorHit(VectorDocumentFields.fromLucene(stored.document(hit.doc)), hit.score));
                }
                return hits;
            } finally {
                target.searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search vector index '" + index + "'", e);
        }
    }

    @Override
    public void delete(String index, String tenant, Collection<String> ids) {
        OpenIndex target = existingIndex(index);
        requireText(tenant, "tenant");
        if (ids.isEmpty()) {
            return;
        }
        try {
            target.writer.deleteDocuments(ids.stream().map(id -> VectorDocumentFields.key(tenant, id))
                    .toArray(Term[]::new));
            target.publish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete from vector index '" + index + "'", e);
        }
    }

    @Override
    public long count(String index, String tenant) {
        OpenIndex target = existingIndex(index);
        requireText(tenant, "tenant");
        try {
            IndexSearcher searcher = target.searchers.acquire();
            try {
                return searcher.count(new TermQuery(VectorDocumentFields.tenant(tenant)));
            } finally {
                target.searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count in vector index '" + index + "'", e);
        }
    }

    /** Commits and closes every open index; the store is unusable afterwards. */
    @Override
    public synchronized void close() {
        closed = true;
        if (committer != null) {
            // shutdown, not shutdownNow: an interrupt during a commit closes the write lock's file
            // channel (NIO closes a channel on interrupt), and closing the writer then fails with
            // "FileLock invalidated by an external force". Later runs of the periodic commit are cancelled.
            committer.shutdown();
            try { // let a running background commit finish; closing the writers commits the rest
                committer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IOException failure = null;
        for (OpenIndex index : open.values()) {
            try {
                index.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        analyzer.close();
        if (failure != null) {
            throw new UncheckedIOException("cannot close the vector indexes under " + root, failure);
        }
    }

    /** An index that exists: open already, or on disk from an earlier run. */
    private OpenIndex existingIndex(String name) {
        OpenIndex index = open.get(name);
        return index != null ? index : openIndex(name, null);
    }

    /**
     * Opens the index, creating it with {@code create}'s definition when it does not exist yet
     * ({@code create} null: refuse). Synchronized: two threads must not open one folder twice.
     */
    private synchronized OpenIndex openIndex(String name, VectorIndex create) {
        if (closed) {
            throw new IllegalStateException("the vector store is closed");
        }
        OpenIndex index = open.get(name);
        if (index != null) {
            return index;
        }
        if (name == null || !INDEX_NAME.matcher(name).matches()) { // also keeps names inside the root folder
            throw new IllegalArgumentException("not a vector index name: " + name);
        }
        Path folder = root.resolve(name);
        Directory directory = null;
        try {
            Map<String, String> stored = Files.isDirectory(folder) ? storedUserData(folder) : null;
            VectorIndex definition = stored == null ? null : definition(name, folder, stored);
            if (definition == null && create == null) {
                throw new IllegalStateException("no vector index '" + name + "' under " + root
                        + "; ensureIndex creates it");
            }
            if (definition == null && create.dimensions() > KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS) {
                throw new IllegalArgumentException("Lucene indexes vectors of at most "
                        + KnnVectorsFormat.DEFAULT_MAX_DIMENSIONS + " dimensions, not " + create.dimensions());
            }
            directory = FSDirectory.open(folder);
            IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setSimilarity(BM25)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            if (definition == null) {
                definition = create;
                writer.setLiveCommitData(Map.of(MODEL_ID, create.modelId(),
                        DIMENSIONS, String.valueOf(create.dimensions()), SCHEMA, SCHEMA_VERSION).entrySet());
                writer.commit();
                LOG.atInfo().setMessage("created vector index").addKeyValue("index", name)
                        .addKeyValue("model", create.modelId()).addKeyValue("dimensions", create.dimensions())
                        .addKeyValue("folder", folder).log();
            } else {
                if (SCHEMA_BEFORE_ENGLISH.equals(stored.getOrDefault(SCHEMA, SCHEMA_BEFORE_ENGLISH))) {
                    LOG.atWarn().setMessage("vector index predates English analysis: lexical search misses"
                            + " stemmed forms in older documents; re-ingest into a fresh folder to fix")
                            .addKeyValue("index", name).addKeyValue("folder", folder).log();
                }
                LOG.atInfo().setMessage("opened vector index").addKeyValue("index", name)
                        .addKeyValue("model", definition.modelId()).addKeyValue("dimensions", definition.dimensions())
                        .addKeyValue("documents", writer.getDocStats().numDocs).log();
            }
            index = new OpenIndex(definition, directory, writer, new SearcherManager(writer, BM25_SEARCHERS),
                    settings.commitInterval().isZero());
            open.put(name, index);
            return index;
        } catch (LockObtainFailedException e) {
            close(directory);
            throw new IllegalStateException("vector index '" + name + "' is in use by another process ("
                    + folder + ")", e);
        } catch (IOException e) {
            close(directory);
            throw new UncheckedIOException("cannot open vector index '" + name + "' in " + folder, e);
        }
    }

    /** The background commit: every open index with writes not yet on disk. */
    private void commitPending() {
        for (Map.Entry<String, OpenIndex> entry : open.entrySet()) {
            try {
                if (entry.getValue().writer.hasUncommittedChanges()) {
                    entry.getValue().writer.commit();
                }
            } catch (IOException | RuntimeException e) { // keep trying at the next interval
                LOG.atWarn().setMessage("background commit failed").addKeyValue("index", entry.getKey())
                        .setCause(e).log();
            }
        }
    }

    /** What the folder's last commit records (model, dimension, schema); null when it holds no index yet. */
    private static Map<String, String> storedUserData(Path folder) throws IOException {
        try (Directory directory = FSDirectory.open(folder)) {
            if (!DirectoryReader.indexExists(directory)) {
                return null;
            }
            return SegmentInfos.readLatestCommit(directory).getUserData();
        }
    }

    private static VectorIndex definition(String name, Path folder, Map<String, String> data) {
        if (!data.containsKey(MODEL_ID) || !data.containsKey(DIMENSIONS)) {
            throw new IllegalStateException("folder " + folder + " holds a Lucene index that is not a Lumen vector index");
        }
        return new VectorIndex(name, data.get(MODEL_ID), Integer.parseInt(data.get(DIMENSIONS)));
    }

    private static void close(Directory directory) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException e) {
                LOG.atDebug().setMessage("closing a directory after a failed open").setCause(e).log();
            }
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a vector document needs a " + field);
        }
    }


    /** One open Lucene index: its writer and the searchers that see the writer's latest changes. */
    private static final class OpenIndex {
        final VectorIndex definition;
        final Directory directory;
        final IndexWriter writer;
        final SearcherManager searchers;
        final boolean commitEachWrite;

        OpenIndex(VectorIndex definition, Directory directory, IndexWriter writer, SearcherManager searchers,
                  boolean commitEachWrite) {
            this.definition = definition;
            this.directory = directory;
            this.writer = writer;
            this.searchers = searchers;
            this.commitEachWrite = commitEachWrite;
        }

        /** Makes the writer's changes durable (unless commits run in the background), then visible. */
        void publish() throws IOException {
            if (commitEachWrite) {
                writer.commit();
            }
            searchers.maybeRefreshBlocking();
        }

        void close() throws IOException {
            try {
                searchers.close();
            } finally {
                try {
                    writer.close(); // commits what is pending
                } finally {
                    directory.close();
                }
            }
        }
    }
}
