package dev.lumen.adapter.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lumen.contract.VectorStoreContract;
import dev.lumen.domain.vector.IndexMismatchException;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest extends VectorStoreContract {
    @TempDir
    Path folder;

    @Override
    protected VectorStore newStore() {
        return new LuceneVectorStore(folder.resolve("vectors"));
    }

    @Override
    protected void cleanUp(VectorStore store, Set<String> indexNames) {
        ((LuceneVectorStore) store).close();
    }

    @Test
    void aReopenedStoreKeepsItsDocumentsAndIndexDefinitions() {
        // GIVEN an index with documents, and the store closed
        VectorIndex index = newIndex();
        float[] vector = randomVector();
        VectorDocument written = new VectorDocument("m1", "tenant-a", "remember me", vector,
                Map.of("personaId", "p1"), Instant.parse("2024-06-01T08:00:00.5Z"));
        store().upsert(index.name(), List.of(written, document("m2", "tenant-a", "and me", randomVector())));
        ((LuceneVectorStore) store()).close();

        // WHEN a new store opens the same folder
        try (LuceneVectorStore reopened = new LuceneVectorStore(folder.resolve("vectors"))) {

            // THEN the documents are there without ensureIndex, and the recorded model still guards the index
            assertThat(reopened.count(index.name(), "tenant-a")).isEqualTo(2);
            assertThat(reopened.search(index.name(), query("tenant-a", vector, 1, Map.of("personaId", "p1"))))
                    .singleElement().satisfies(hit ->
                            assertThat(hit.document()).usingRecursiveComparison().isEqualTo(written));
            assertThatThrownBy(() -> reopened.ensureIndex(new VectorIndex(index.name(), "other-model", DIMENSIONS)))
                    .isInstanceOf(IndexMismatchException.class);
            reopened.ensureIndex(index);
            assertThat(reopened.count(index.name(), "tenant-a")).isEqualTo(2);
        }
    }

    @Test
    void concurrentUpsertsFromSeveralThreadsAllLand() throws Exception {
        // GIVEN four writers, each upserting 12 documents one call at a time
        VectorIndex index = newIndex();
        List<List<VectorDocument>> perThread = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            List<VectorDocument> documents = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                documents.add(document("t" + t + "-" + i, "tenant-a", "thread " + t + " doc " + i, randomVector()));
            }
            perThread.add(documents);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);

        // WHEN they run at once, searching as they go
        try {
            List<Future<?>> running = new ArrayList<>();
            for (List<VectorDocument> documents : perThread) {
                running.add(pool.submit(() -> documents.forEach(document -> {
                    store().upsert(index.name(), List.of(document));
                    // visible on return, even while other threads write
                    assertThat(store().search(index.name(), query("tenant-a", document.vector(), 1, Map.of())))
                            .extracting(hit -> hit.document().id()).containsExactly(document.id());
                })));
            }
            for (Future<?> future : running) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // THEN every document is there
        assertThat(store().count(index.name(), "tenant-a")).isEqualTo(48);
    }

    @Test
    void withBackgroundCommitsWritesAreVisibleAtOnceAndOnDiskWithinTheInterval() throws Exception {
        // GIVEN a store that commits every 50 ms instead of on each write
        Path root = folder.resolve("background");
        VectorIndex index = new VectorIndex("background", MODEL, DIMENSIONS);
        try (LuceneVectorStore background = new LuceneVectorStore(root,
                new LuceneVectorStore.Settings(100, Duration.ofMillis(50)))) {
            background.ensureIndex(index);

            // WHEN
            background.upsert(index.name(), List.of(document("d1", "tenant-a", "soon durable", randomVector())));

            // THEN searchable on return, and in a commit on disk shortly after
            assertThat(background.count(index.name(), "tenant-a")).isEqualTo(1);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (committedDocuments(root.resolve(index.name())) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(committedDocuments(root.resolve(index.name()))).isEqualTo(1);
        }
    }

    @Test
    void aSelectiveFilterStillFindsAllItsDocumentsAmongMany() {
        // GIVEN 2,000 documents of which only 5 belong to the persona asked for
        VectorIndex index = newIndex();
        List<VectorDocument> documents = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String persona = i % 400 == 7 ? "rare" : "common-" + (i % 3);
            documents.add(new VectorDocument("d" + i, "tenant-a", "doc " + i, randomVector(),
                    Map.of("personaId", persona), Instant.EPOCH));
        }
        store().upsert(index.name(), documents);

        // WHEN
        List<VectorHit> hits = store().search(index.name(), query("tenant-a", randomVector(), 10,
                Map.of("personaId", "rare")));

        // THEN all five, and nothing else (HNSW alone would mostly walk past them; Lucene scans exactly)
        assertThat(hits).extracting(hit -> hit.document().id())
                .containsExactlyInAnyOrder("d7", "d407", "d807", "d1207", "d1607");
    }

    @Test
    void aSecondStoreOnTheSameFolderIsRefusedWhileTheFirstHasTheIndexOpen() {
        // GIVEN
        VectorIndex index = newIndex();

        // WHEN / THEN Lucene's write lock protects the index from a second writer
        try (LuceneVectorStore second = new LuceneVectorStore(folder.resolve("vectors"))) {
            assertThatThrownBy(() -> second.count(index.name(), "tenant-a"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void anIndexNameCannotLeaveTheRootFolder() {
        // WHEN / THEN
        assertThatThrownBy(() -> store().count("../outside", "tenant-a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lexicalSearchAnalysesEnglishAndScoresRawBm25() {
        // GIVEN two documents of two words each
        VectorIndex index = newIndex();
        store().upsert(index.name(), List.of(document("kiwi", "tenant-a", "kiwi fig", randomVector()),
                document("apple", "tenant-a", "apple fig", randomVector())));
        VectorIndex english = newIndex();
        store().upsert(english.name(), List.of(document("runner", "tenant-a", "The runners are running", randomVector())));

        // WHEN / THEN the score is Lucene's BM25 (k1 1.2, b 0.75; Lucene leaves out the constant
        // k1 + 1 factor): idf ln(1 + (2 - 1 + 0.5) / (1 + 0.5)) = ln 2, length at the average
        assertThat(store().lexicalSearch(index.name(), words("tenant-a", "kiwi", 5, Map.of())))
                .singleElement().satisfies(hit -> assertThat(hit.score()).isCloseTo(Math.log(2) / 2.2, within(1e-6)));
        // and words are stemmed, stop words dropped
        assertThat(store().lexicalSearch(english.name(), words("tenant-a", "run", 5, Map.of()))).hasSize(1);
        assertThat(store().lexicalSearch(english.name(), words("tenant-a", "the are", 5, Map.of()))).isEmpty();
    }

    /** Documents in the folder's last commit, read the way a restarted process would. */
    private static int committedDocuments(Path indexFolder) throws Exception {
        try (Directory directory = FSDirectory.open(indexFolder);
             DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.numDocs();
        }
    }
}
