package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lumen.domain.vector.IndexMismatchException;
import dev.lumen.domain.vector.TextQuery;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VectorStore} must do. An adapter's test extends this class and says how to get
 * the store ({@link #newStore()}) and, if it needs to, how to clean up after a case
 * ({@link #cleanUp(VectorStore, Set)}). Every case creates its own randomly named indexes, so a
 * subclass may hand the same store (and the same server) to every case.
 *
 * <p>Rules pinned here that an adapter must implement on its side:
 * <ul>
 *   <li>a document is identified by tenant <em>and</em> id: two tenants may use the same id without
 *       touching each other's document (e.g. OpenSearch {@code _id} built from both);</li>
 *   <li>every search is confined to the query's tenant and filters are exact, case-sensitive matches
 *       (keyword / {@code StringField}, never analysed text);</li>
 *   <li>scores are {@code (1 + cos) / 2} in [0, 1], best first;</li>
 *   <li>documents come back exactly as written: text, every attribute, {@code createdAt} to the
 *       nanosecond, and every bit of the vector;</li>
 *   <li>a vector whose length is not the index's dimension, or that is all zeros (no cosine), or
 *       holds NaN/infinity is an {@link IllegalArgumentException}; so is a document without id or tenant;</li>
 *   <li>upserting into or searching an index that was never created is an {@link IllegalStateException};</li>
 *   <li>writes are visible to search and count when upsert/delete return;</li>
 *   <li>lexical search ranks by BM25 on the document text, with the same tenant and exact
 *       attribute filters; attribute names may contain dots (the knowledge index's {@code meta.*}).
 *       The lexical cases use plain words that no English analysis drops or merges, because the
 *       real stores stem and drop stop words and the fake does not; they also keep ranking claims
 *       inside one tenant, because the real stores count term statistics over the whole index.</li>
 * </ul>
 */
public abstract class VectorStoreContract {
    /** Small vectors: the cases test the contract, not the embedding model. */
    protected static final int DIMENSIONS = 16;
    protected static final String MODEL = "contract-model-v1";
    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123456789Z");

    private final Set<String> createdIndexes = new LinkedHashSet<>();
    private final Random random = new Random(20240501);
    private VectorStore store;

    /** The store for one test case; may be shared between cases (each case uses its own indexes). */
    protected abstract VectorStore newStore();

    /**
     * Called after each case with the store it used and the names of the indexes it created, e.g. to
     * delete them from a shared server or to close the store. Does nothing by default.
     */
    protected void cleanUp(VectorStore store, Set<String> indexNames) throws Exception {
    }

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @AfterEach
    void releaseStore() throws Exception {
        cleanUp(store, Set.copyOf(createdIndexes));
    }

    // ---- indexes ---------------------------------------------------------------------------

    @Test
    void ensureIndexIsIdempotentAndKeepsTheDocuments() {
        // GIVEN an index with a document
        VectorIndex index = newIndex();
        store.upsert(index.name(), List.of(document("d1", "tenant-a", "kept", randomVector())));

        // WHEN it is ensured again with the same model and dimension
        store.ensureIndex(index);
        store.ensureIndex(new VectorIndex(index.name(), MODEL, DIMENSIONS));

        // THEN nothing changed
        assertThat(store.count(index.name(), "tenant-a")).isEqualTo(1);
    }

    @Test
    void ensureIndexRefusesAnotherModel() {
        // GIVEN
        VectorIndex index = newIndex();

        // WHEN / THEN
        assertThatThrownBy(() -> store.ensureIndex(new VectorIndex(index.name(), "another-model", DIMENSIONS)))
                .isInstanceOf(IndexMismatchException.class)
                .hasMessageContaining(index.name());
    }

    @Test
    void ensureIndexRefusesAnotherDimension() {
        // GIVEN
        VectorIndex index = newIndex();

        // WHEN / THEN
        assertThatThrownBy(() -> store.ensureIndex(new VectorIndex(index.name(), MODEL, DIMENSIONS * 2)))
                .isInstanceOf(IndexMismatchException.class)
                .hasMessageContaining(index.name());
    }

    @Test
    void indexesAreSeparate() {
        // GIVEN two indexes, a document in the first
        VectorIndex first = newIndex();
        VectorIndex second = newIndex();
        float[] vector = randomVector();
        store.upsert(first.name(), List.of(document("d1", "tenant-a", "in the first", vector)));

        // WHEN / THEN the second does not see it
        assertThat(store.search(second.name(), query("tenant-a", vector, 10, Map.of()))).isEmpty();
        assertThat(store.count(second.name(), "tenant-a")).isZero();
    }

    @Test
    void anIndexThatWasNeverCreatedIsRefused() {
        // GIVEN a name no index has
        String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);

        // WHEN / THEN
        assertThatThrownBy(() -> store.upsert(missing, List.of(document("d1", "tenant-a", "x", randomVector()))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.search(missing, query("tenant-a", randomVector(), 5, Map.of())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.lexicalSearch(missing, words("tenant-a", "anything", 5, Map.of())))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---- search and scores -----------------------------------------------------------------

    @Test
    void searchFindsTheNearestFirstWithScoresInTheUnitIntervalDescending() {
        // GIVEN 60 random documents
        VectorIndex index = newIndex();
        List<VectorDocument> documents = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            documents.add(document("d" + i, "tenant-a", "text " + i, randomVector()));
        }
        store.upsert(index.name(), documents);
        float[] near = documents.get(17).vector().clone();
        near[0] += 0.05f;

        // WHEN
        List<VectorHit> hits = store.search(index.name(), query("tenant-a", near, 5, Map.of()));

        // THEN the same five as brute force, best first
        List<String> expected = documents.stream()
                .sorted(Comparator.comparingDouble((VectorDocument d) -> VectorHit.scoreOf(near, d.vector())).reversed())
                .limit(5).map(VectorDocument::id).toList();
        assertThat(hits).extracting(hit -> hit.document().id()).containsExactlyElementsOf(expected);
        assertThat(hits.get(0).document().id()).isEqualTo("d17");
        assertThat(hits).extracting(VectorHit::score)
                .allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0))
                .isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void theScoreIsOnePlusCosineOverTwo() {
        // GIVEN vectors at 0°, 45°, 90° and 180° from the query
        VectorIndex index = newIndex();
        store.upsert(index.name(), List.of(
                document("same", "tenant-a", "0 degrees, longer", axes(3f, 0f)),
                document("diagonal", "tenant-a", "45 degrees", axes(1f, 1f)),
                document("orthogonal", "tenant-a", "90 degrees", axes(0f, 2f)),
                document("opposite", "tenant-a", "180 degrees", axes(-1f, 0f))));

        // WHEN
        List<VectorHit> hits = store.search(index.name(), query("tenant-a", axes(1f, 0f), 4, Map.of()));

        // THEN the length of a vector does not matter, only its angle
        assertThat(hits).extracting(hit -> hit.document().id())
                .containsExactly("same", "diagonal", "orthogonal", "opposite");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-5));
        assertThat(hits.get(1).score()).isCloseTo((1 + Math.sqrt(0.5)) / 2, within(1e-5));
        assertThat(hits.get(2).score()).isCloseTo(0.5, within(1e-5));
        assertThat(hits.get(3).score()).isCloseTo(0.0, within(1e-5));
    }

    @Test
    void kIsRespected() {
        // GIVEN 20 documents
        VectorIndex index = newIndex();
        List<VectorDocument> documents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            documents.add(document("d" + i, "tenant-a", "text " + i, randomVector()));
        }
        store.upsert(index.name(), documents);

        // WHEN / THEN
        assertThat(store.search(index.name(), query("tenant-a", randomVector(), 5, Map.of()))).hasSize(5);
        assertThat(store.search(index.name(), query("tenant-a", randomVector(), 1, Map.of()))).hasSize(1);
        assertThat(store.search(index.name(), query("tenant-a", randomVector(), 100, Map.of())))
                .extracting(hit -> hit.document().id()).hasSize(20).doesNotHaveDuplicates();
        assertThat(store.search(index.name(), query("tenant-a", randomVector(), 1000, Map.of())))
                .as("the largest k").extracting(hit -> hit.document().id()).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void searchingAnIndexWithoutDocumentsFindsNothing() {
        // GIVEN
        VectorIndex index = newIndex();

        // WHEN / THEN
        assertThat(store.search(index.name(), query("tenant-a", randomVector(), 10, Map.of()))).isEmpty();
        assertThat(store.count(index.name(), "tenant-a")).isZero();
    }

    // ---- identity, replace, delete, count ---------------------------------------------------

    @Test
    void writingTheSameIdAgainReplacesTheDocument() {
        // GIVEN
        VectorIndex index = newIndex();
        float[] vector = randomVector();
        store.upsert(index.name(), List.of(document("d1", "tenant-a", "first text", vector)));

        // WHEN the same id is written again, once alone and twice within one batch
        store.upsert(index.name(), List.of(document("d1", "tenant-a", "second text", vector)));
        store.upsert(index.name(), List.of(document("d1", "tenant-a", "third text", vector),
                document("d1", "tenant-a", "fourth text", vector)));

        // THEN one document, the last one written
        assertThat(store.count(index.name(), "tenant-a")).isEqualTo(1);
        assertThat(store.search(index.name(), query("tenant-a", vector, 10, Map.of())))
                .singleElement().satisfies(hit -> assertThat(hit.document().text()).isEqualTo("fourth text"));
    }

    @Test
    void deleteRemovesOnlyTheGivenIds() {
        // GIVEN three documents
        VectorIndex index = newIndex();
        float[] vector = randomVector();
        store.upsert(index.name(), List.of(document("d1", "tenant-a", "one", vector),
                document("d2", "tenant-a", "two", randomVector()), document("d3", "tenant-a", "three", randomVector())));

        // WHEN two are deleted, with an id that does not exist and an empty call
        store.delete(index.name(), "tenant-a", List.of("d2", "d3", "never-written"));
        store.delete(index.name(), "tenant-a", List.of());

        // THEN
        assertThat(store.count(index.name(), "tenant-a")).isEqualTo(1);
        assertThat(store.search(index.name(), query("tenant-a", vector, 10, Map.of())))
                .extracting(hit -> hit.document().id()).containsExactly("d1");
    }

    @Test
    void documentsComeBackExactlyAsWritten() {
        // GIVEN documents with and without attributes, an awkward text and a nanosecond timestamp
        VectorIndex index = newIndex();
        float[] vector = randomVector();
        vector[3] = 1e-7f;
        vector[4] = -0.1f;
        VectorDocument full = new VectorDocument("mem-1", "tenant-a", "Grüße — \"quoted\" 🙂\nsecond line", vector,
                Map.of("personaId", "p-1", "userId", "u-1", "sessionId", "s 1/α"), CREATED);
        VectorDocument bare = new VectorDocument("mem-2", "tenant-a", "", randomVector(), Map.of(),
                Instant.parse("1999-12-31T23:59:59Z"));
        store.upsert(index.name(), List.of(full, bare));

        // WHEN
        List<VectorHit> hits = store.search(index.name(), query("tenant-a", vector, 2, Map.of()));

        // THEN every field, and every bit of the vector, survives
        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).document()).usingRecursiveComparison().isEqualTo(full);
        assertThat(hits.get(1).document()).usingRecursiveComparison().isEqualTo(bare);
    }

    // ---- tenants ---------------------------------------------------------------------------

    @Test
    void tenantsAreIsolatedEvenWithTheSameIds() {
        // GIVEN two tenants that use the same ids and identical vectors
        VectorIndex index = newIndex();
        float[] first = randomVector();
        float[] second = randomVector();
        store.upsert(index.name(), List.of(document("d1", "tenant-a", "a one", first),
                document("d2", "tenant-a", "a two", second)));
        store.upsert(index.name(), List.of(document("d1", "tenant-b", "b one", first),
                document("d2", "tenant-b", "b two", second)));

        // WHEN / THEN writing B's ids did not overwrite A's documents, and searches stay in their tenant
        assertThat(store.count(index.name(), "tenant-a")).isEqualTo(2);
        assertThat(store.count(index.name(), "tenant-b")).isEqualTo(2);
        assertThat(store.search(index.name(), query("tenant-a", first, 10, Map.of())))
                .extracting(hit -> hit.document().tenant() + "/" + hit.document().text())
                .containsExactly("tenant-a/a one", "tenant-a/a two");
        assertThat(store.search(index.name(), query("tenant-b", first, 10, Map.of())))
                .extracting(hit -> hit.document().tenant() + "/" + hit.document().text())
                .containsExactly("tenant-b/b one", "tenant-b/b two");
        assertThat(store.search(index.name(), query("tenant-c", first, 10, Map.of()))).isEmpty();
    }

    @Test
    void deletingInOneTenantLeavesTheOtherTenantsDocuments() {
        // GIVEN the same id in two tenants
        VectorIndex index = newIndex();
        float[] vector = randomVector();
        store.upsert(index.name(), List.of(document("d1", "tenant-a", "a", vector), document("d1", "tenant-b", "b", vector)));

        // WHEN tenant A deletes it
        store.delete(index.name(), "tenant-a", List.of("d1"));

        // THEN tenant B still has its own
        assertThat(store.count(index.name(), "tenant-a")).isZero();
        assertThat(store.count(index.name(), "tenant-b")).isEqualTo(1);
        assertThat(store.search(index.name(), query("tenant-b", vector, 10, Map.of())))
                .extracting(hit -> hit.document().text()).containsExactly("b");
    }

    @Test
    void tenantAndIdPairsThatANaiveKeyWouldConfuseStaySeparate() {
        // GIVEN pairs that collide when tenant and id are simply joined, with no separator, '/' or '#'
        VectorIndex index = newIndex();
        float[] vector = randomVector();
        store.upsert(index.name(), List.of(document("1d", "t", "t 1d", vector), document("d", "t1", "t1 d", vector),
                document("1/d", "t", "t 1/d", vector), document("d", "t/1", "t/1 d", vector),
                document("1#d", "t", "t 1#d", vector), document("d", "t#1", "t#1 d", vector)));

        // WHEN / THEN no write replaced another tenant's document
        assertThat(store.count(index.name(), "t")).isEqualTo(3);
        assertThat(List.of("t1", "t/1", "t#1")).allSatisfy(tenant ->
                assertThat(store.count(index.name(), tenant)).isEqualTo(1));
        assertThat(store.search(index.name(), query("t", vector, 10, Map.of())))
                .extracting(hit -> hit.document().text()).containsExactlyInAnyOrder("t 1d", "t 1/d", "t 1#d");
    }

    // ---- filters ---------------------------------------------------------------------------

    @Test
    void filtersAreExactMatchesAndCombine() {
        // GIVEN documents of two personas and users, a look-alike persona, one without attributes, and
        // another tenant's document with matching attributes
        VectorIndex index = newIndex();
        float[] vector = randomVector();
        store.upsert(index.name(), List.of(
                attributed("p1-u1", "tenant-a", vector, Map.of("personaId", "p1", "userId", "u1")),
                attributed("p1-u2", "tenant-a", vector, Map.of("personaId", "p1", "userId", "u2")),
                attributed("p2-u1", "tenant-a", vector, Map.of("personaId", "p2", "userId", "u1")),
                attributed("p10-u1", "tenant-a", vector, Map.of("personaId", "p10", "userId", "u1")),
                attributed("bare", "tenant-a", vector, Map.of()),
                attributed("other-tenant", "tenant-b", vector, Map.of("personaId", "p1", "userId", "u1"))));

        // WHEN / THEN
        assertThat(ids(index, Map.of("personaId", "p1"))).containsExactlyInAnyOrder("p1-u1", "p1-u2");
        assertThat(ids(index, Map.of("userId", "u1"))).containsExactlyInAnyOrder("p1-u1", "p2-u1", "p10-u1");
        assertThat(ids(index, Map.of("personaId", "p1", "userId", "u1"))).containsExactly("p1-u1");
        assertThat(ids(index, Map.of("personaId", "p2", "userId", "u2"))).isEmpty();
        assertThat(ids(index, Map.of("personaId", "p"))).as("no prefix match").isEmpty();
        assertThat(ids(index, Map.of("personaId", "P1"))).as("case-sensitive").isEmpty();
        assertThat(ids(index, Map.of("mood", "calm"))).as("attribute nobody has").isEmpty();
        assertThat(ids(index, Map.of())).hasSize(5);
    }

    @Test
    void attributeNamesMayContainDots() {
        // GIVEN documents whose attribute names have dots, as the knowledge index's creator metadata does
        VectorIndex index = newIndex();
        float[] vector = randomVector();
        VectorDocument sleep = new VectorDocument("c1", "tenant-a", "text", vector,
                Map.of("meta.topic", "sleep", "documentId", "doc-1"), CREATED);
        store.upsert(index.name(), List.of(sleep,
                attributed("c2", "tenant-a", vector, Map.of("meta.topic", "food", "documentId", "doc-2")),
                attributed("c3", "tenant-a", vector, Map.of("meta.documentId", "doc-1"))));

        // WHEN / THEN a dotted name filters exactly, is a different attribute from its undotted
        // tail, and reads back unchanged
        assertThat(ids(index, Map.of("meta.topic", "sleep"))).containsExactly("c1");
        assertThat(ids(index, Map.of("documentId", "doc-1"))).containsExactly("c1");
        assertThat(ids(index, Map.of("meta.documentId", "doc-1"))).containsExactly("c3");
        assertThat(store.search(index.name(), query("tenant-a", vector, 3, Map.of("meta.topic", "sleep"))))
                .singleElement().satisfies(hit -> assertThat(hit.document()).usingRecursiveComparison().isEqualTo(sleep));
    }

    // ---- lexical search (BM25) ---------------------------------------------------------------

    @Test
    void aWordThatOnlyOneDocumentHasFindsItFirst() {
        // GIVEN three documents that share words, one of them with a word of its own
        VectorIndex index = newIndex();
        store.upsert(index.name(), List.of(text("d1", "tenant-a", "walrus ocean ice"),
                text("d2", "tenant-a", "penguin ocean ice"), text("d3", "tenant-a", "seal ocean beach")));

        // WHEN / THEN its own word finds it alone, and first among the documents that share the other word
        assertThat(lexicalIds(index, "tenant-a", "walrus", Map.of())).containsExactly("d1");
        assertThat(lexicalIds(index, "tenant-a", "walrus ocean", Map.of()))
                .hasSize(3).first().isEqualTo("d1");
        assertThat(lexicalIds(index, "tenant-a", "Walrus!", Map.of())).as("case and punctuation do not matter")
                .containsExactly("d1");
    }

    @Test
    void aRareWordOutweighsACommonOne() {
        // GIVEN "apple" in four documents, "kiwi" in one, all of the same length
        VectorIndex index = newIndex();
        store.upsert(index.name(), List.of(text("c1", "tenant-a", "apple fig"), text("c2", "tenant-a", "apple plum"),
                text("rare", "tenant-a", "kiwi fig"), text("c3", "tenant-a", "apple pear"),
                text("c4", "tenant-a", "apple lime")));

        // WHEN both words are asked for
        List<VectorHit> hits = store.lexicalSearch(index.name(), words("tenant-a", "apple kiwi", 10, Map.of()));

        // THEN the document with the rare word ranks first, strictly above the others (idf)
        assertThat(hits).hasSize(5);
        assertThat(hits.get(0).document().id()).isEqualTo("rare");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void moreOccurrencesRankHigherAtTheSameLength() {
        // GIVEN two documents of four words, one with the query word twice
        VectorIndex index = newIndex();
        store.upsert(index.name(), List.of(text("once", "tenant-a", "cobalt river stone field"),
                text("twice", "tenant-a", "cobalt cobalt river stone"), text("none", "tenant-a", "river stone field meadow")));

        // WHEN
        List<VectorHit> hits = store.lexicalSearch(index.name(), words("tenant-a", "cobalt", 10, Map.of()));

        // THEN
        assertThat(hits).extracting(hit -> hit.document().id()).containsExactly("twice", "once");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(hits).extracting(VectorHit::score).allSatisfy(score -> assertThat(score).isPositive());
    }

    @Test
    void lexicalSearchNeverReturnsAnotherTenantsDocumentsEvenWhenTheyMatchBetter() {
        // GIVEN tenant B's document that repeats the word, and tenant A's with the same id that has it once
        VectorIndex index = newIndex();
        store.upsert(index.name(), List.of(text("d1", "tenant-b", "kiwi kiwi kiwi"),
                text("d2", "tenant-b", "kiwi"), text("d1", "tenant-a", "kiwi tart cream sugar")));

        // WHEN / THEN each tenant sees only its own
        assertThat(store.lexicalSearch(index.name(), words("tenant-a", "kiwi", 10, Map.of())))
                .extracting(hit -> hit.document().tenant() + "/" + hit.document().text())
                .containsExactly("tenant-a/kiwi tart cream sugar");
        assertThat(store.lexicalSearch(index.name(), words("tenant-b", "kiwi", 10, Map.of())))
                .extracting(hit -> hit.document().tenant()).containsOnly("tenant-b").hasSize(2);
        assertThat(store.lexicalSearch(index.name(), words("tenant-c", "kiwi", 10, Map.of()))).isEmpty();
    }

    @Test
    void lexicalFiltersAreExactMatchesAndCombine() {
        // GIVEN documents that all have the word, with different attributes, and another tenant's match
        VectorIndex index = newIndex();
        store.upsert(index.name(), List.of(
                attributedText("p1-sleep", "tenant-a", Map.of("personaId", "p1", "meta.topic", "sleep")),
                attributedText("p1-food", "tenant-a", Map.of("personaId", "p1", "meta.topic", "food")),
                attributedText("p2-sleep", "tenant-a", Map.of("personaId", "p2", "meta.topic", "sleep")),
                attributedText("bare", "tenant-a", Map.of()),
                attributedText("other-tenant", "tenant-b", Map.of("personaId", "p1", "meta.topic", "sleep"))));

        // WHEN / THEN
        assertThat(lexicalIds(index, "tenant-a", "habit", Map.of("personaId", "p1")))
                .containsExactlyInAnyOrder("p1-sleep", "p1-food");
        assertThat(lexicalIds(index, "tenant-a", "habit", Map.of("meta.topic", "sleep")))
                .containsExactlyInAnyOrder("p1-sleep", "p2-sleep");
        assertThat(lexicalIds(index, "tenant-a", "habit", Map.of("personaId", "p1", "meta.topic", "sleep")))
                .containsExactly("p1-sleep");
        assertThat(lexicalIds(index, "tenant-a", "habit", Map.of("personaId", "P1"))).as("case-sensitive").isEmpty();
        assertThat(lexicalIds(index, "tenant-a", "habit", Map.of("personaId", "p"))).as("no prefix match").isEmpty();
        assertThat(lexicalIds(index, "tenant-a", "habit", Map.of())).hasSize(4);
    }

    @Test
    void lexicalSearchRespectsKUpToTheLargest() {
        // GIVEN 30 documents with the word, some more often
        VectorIndex index = newIndex();
        List<VectorDocument> documents = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            documents.add(text("d" + i, "tenant-a", "lantern " + "glow ".repeat(i % 4) + "item" + i));
        }
        store.upsert(index.name(), documents);

        // WHEN / THEN
        assertThat(store.lexicalSearch(index.name(), words("tenant-a", "lantern", 5, Map.of()))).hasSize(5);
        assertThat(store.lexicalSearch(index.name(), words("tenant-a", "lantern", 1, Map.of()))).hasSize(1);
        List<VectorHit> all = store.lexicalSearch(index.name(), words("tenant-a", "lantern glow", 1000, Map.of()));
        assertThat(all).extracting(hit -> hit.document().id()).hasSize(30).doesNotHaveDuplicates();
        assertThat(all).extracting(VectorHit::score).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void lexicalSearchWithoutAMatchingWordFindsNothing() {
        // GIVEN
        VectorIndex index = newIndex();
        assertThat(store.lexicalSearch(index.name(), words("tenant-a", "anything", 10, Map.of())))
                .as("an empty index").isEmpty();
        store.upsert(index.name(), List.of(text("d1", "tenant-a", "violin concert hall")));

        // WHEN / THEN
        assertThat(store.lexicalSearch(index.name(), words("tenant-a", "zeppelin", 10, Map.of()))).isEmpty();
    }

    @Test
    void lexicalSearchSeesTheNewTextOfAReplacedDocumentAndNotADeletedOne() {
        // GIVEN
        VectorIndex index = newIndex();
        store.upsert(index.name(), List.of(text("d1", "tenant-a", "banana bread recipe"),
                text("d2", "tenant-a", "violin lesson notes"), text("d3", "tenant-a", "violin repair shop")));

        // WHEN d1 is rewritten and d2 deleted
        store.upsert(index.name(), List.of(text("d1", "tenant-a", "cherry pie recipe")));
        store.delete(index.name(), "tenant-a", List.of("d2"));

        // THEN the old words no longer find d1, its new ones do, and d2 is gone
        assertThat(lexicalIds(index, "tenant-a", "banana", Map.of())).isEmpty();
        assertThat(store.lexicalSearch(index.name(), words("tenant-a", "cherry", 10, Map.of())))
                .singleElement().satisfies(hit -> assertThat(hit.document().text()).isEqualTo("cherry pie recipe"));
        assertThat(lexicalIds(index, "tenant-a", "violin", Map.of())).containsExactly("d3");
        assertThat(lexicalIds(index, "tenant-a", "recipe", Map.of())).containsExactly("d1");
    }

    // ---- invalid input ---------------------------------------------------------------------

    @Test
    void aVectorOfTheWrongLengthIsRejected() {
        // GIVEN
        VectorIndex index = newIndex();

        // WHEN / THEN
        assertThatThrownBy(() -> store.upsert(index.name(),
                List.of(document("d1", "tenant-a", "short", new float[DIMENSIONS - 1]))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search(index.name(), query("tenant-a", new float[DIMENSIONS + 1], 5, Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.count(index.name(), "tenant-a")).isZero();
    }

    @Test
    void aBatchWithOneBadDocumentWritesNothing() {
        // GIVEN a good document followed by one of the wrong length
        VectorIndex index = newIndex();

        // WHEN
        assertThatThrownBy(() -> store.upsert(index.name(), List.of(
                document("good", "tenant-a", "fine", randomVector()),
                document("bad", "tenant-a", "too long", new float[DIMENSIONS + 3]))))
                .isInstanceOf(IllegalArgumentException.class);

        // THEN the good one was not written either
        assertThat(store.count(index.name(), "tenant-a")).isZero();
    }

    @Test
    void vectorsWithoutADirectionOrWithNonNumbersAreRejected() {
        // GIVEN
        VectorIndex index = newIndex();
        float[] withNaN = randomVector();
        withNaN[2] = Float.NaN;

        // WHEN / THEN
        assertThatThrownBy(() -> store.upsert(index.name(),
                List.of(document("zero", "tenant-a", "zero", new float[DIMENSIONS]))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.upsert(index.name(), List.of(document("nan", "tenant-a", "nan", withNaN))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.search(index.name(), query("tenant-a", new float[DIMENSIONS], 5, Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocumentWithoutTenantOrIdIsRejected() {
        // GIVEN
        VectorIndex index = newIndex();

        // WHEN / THEN
        assertThatThrownBy(() -> store.upsert(index.name(), List.of(document("d1", " ", "no tenant", randomVector()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.upsert(index.name(), List.of(document("", "tenant-a", "no id", randomVector()))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers for subclasses and cases --------------------------------------------------

    /** The store of the current case. */
    protected VectorStore store() {
        return store;
    }

    /** Creates a fresh, randomly named index of {@link #DIMENSIONS} dimensions, cleaned up after the case. */
    protected VectorIndex newIndex() {
        VectorIndex index = new VectorIndex("contract-" + UUID.randomUUID().toString().substring(0, 13)
                .toLowerCase(Locale.ROOT), MODEL, DIMENSIONS);
        createdIndexes.add(index.name());
        store.ensureIndex(index);
        return index;
    }

    /** A random direction in {@link #DIMENSIONS} dimensions (seeded: the same for every run). */
    protected float[] randomVector() {
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    protected static VectorDocument document(String id, String tenant, String text, float[] vector) {
        return new VectorDocument(id, tenant, text, vector, Map.of(), CREATED);
    }

    protected static VectorQuery query(String tenant, float[] vector, int k, Map<String, String> filters) {
        return new VectorQuery(tenant, vector, k, filters);
    }


    protected static TextQuery words(String tenant, String text, int k, Map<String, String> filters) {
        return new TextQuery(tenant, text, k, filters);
    }

    /** A document for lexical cases: its vector does not matter. */
    private VectorDocument text(String id, String tenant, String text) {
        return new VectorDocument(id, tenant, text, randomVector(), Map.of(), CREATED);
    }

    private VectorDocument attributedText(String id, String tenant, Map<String, String> attributes) {
        return new VectorDocument(id, tenant, "daily habit tracker", randomVector(), attributes, CREATED);
    }

    private List<String> lexicalIds(VectorIndex index, String tenant, String text, Map<String, String> filters) {
        return store.lexicalSearch(index.name(), words(tenant, text, 100, filters)).stream()
                .map(hit -> hit.document().id()).toList();
    }

    private static VectorDocument attributed(String id, String tenant, float[] vector, Map<String, String> attributes) {
        return new VectorDocument(id, tenant, "text of " + id, vector, attributes, CREATED);
    }

    private List<String> ids(VectorIndex index, Map<String, String> filters) {
        return store.search(index.name(), query("tenant-a", randomVector(), 100, filters)).stream()
                .map(hit -> hit.document().id()).toList();
    }

    /** A vector with the given first two components and zeros after them. */
    private static float[] axes(float x, float y) {
        float[] vector = new float[DIMENSIONS];
        vector[0] = x;
        vector[1] = y;
        return vector;
    }
}
