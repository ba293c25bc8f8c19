package dev.lumen.domain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeSearchTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T09:00:00Z"), ZoneOffset.UTC);

    private final ExactVectorStore store = new ExactVectorStore();
    private final EmbeddingModel embeddings = new HashingEmbeddingModel(64);
    private final KnowledgeIndexer indexer = new KnowledgeIndexer(embeddings, store, TextSplitter.defaults(), CLOCK);
    private final KnowledgeSearch search = new KnowledgeSearch(embeddings, store);

    @Test
    void aHitCarriesItsChunkWithoutTheTitleAndTheCreatorsMetadata() {
        // GIVEN
        index("creator-1", "doc-1", "Evening routine", "Dim the lights an hour before bed.", Map.of("topic", "sleep"));

        // WHEN
        List<KnowledgeHit> hits = search.search("creator-1", "lights before bed", 5, Map.of(), SearchMode.LEXICAL);

        // THEN
        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.chunkId()).isEqualTo("doc-1:0");
            assertThat(hit.documentId()).isEqualTo("doc-1");
            assertThat(hit.title()).isEqualTo("Evening routine");
            assertThat(hit.position()).isZero();
            assertThat(hit.text()).isEqualTo("Dim the lights an hour before bed.");
            assertThat(hit.metadata()).containsExactlyEntriesOf(Map.of("topic", "sleep"));
            assertThat(hit.score()).isPositive();
        });
    }

    @Test
    void everyModeStaysInsideTheCreatorsKnowledge() {
        // GIVEN two creators with the same document id, the other one's text matching the query better
        index("creator-a", "doc-1", "Notes", "protein after training", Map.of());
        index("creator-b", "doc-1", "Notes", "protein protein protein intake timing", Map.of("topic", "food"));

        // WHEN / THEN whatever the mode, filter or k, creator A gets only its own chunk; a creator with
        // no knowledge gets nothing
        for (SearchMode mode : SearchMode.values()) {
            assertThat(search.search("creator-a", "protein intake timing", 50, Map.of(), mode))
                    .as(mode.name()).extracting(KnowledgeHit::text).containsExactly("protein after training");
            assertThat(search.search("creator-a", "protein", 50, Map.of("topic", "food"), mode)).as(mode.name()).isEmpty();
            assertThat(search.search("creator-c", "protein", 50, Map.of(), mode)).as(mode.name()).isEmpty();
        }
    }

    @Test
    void aMetadataFilterMatchesOnlyTheCreatorsOwnMetadataNeverAReservedAttribute() {
        // GIVEN doc-1 without metadata, and doc-2 whose creator metadata claims documentId doc-1
        index("creator-1", "doc-1", "Guide", "morning walk outside", Map.of());
        index("creator-1", "doc-2", "Guide", "morning stretch routine", Map.of("documentId", "doc-1", "level", "easy"));

        // WHEN / THEN a filter key is always read as metadata: "documentId" is meta.documentId
        for (SearchMode mode : SearchMode.values()) {
            assertThat(search.search("creator-1", "morning", 10, Map.of("documentId", "doc-1"), mode))
                    .as(mode.name()).extracting(KnowledgeHit::documentId).containsExactly("doc-2");
            assertThat(search.search("creator-1", "morning", 10, Map.of("level", "easy"), mode))
                    .as(mode.name()).extracting(KnowledgeHit::documentId).containsExactly("doc-2");
            assertThat(search.search("creator-1", "morning", 10, Map.of("title", "Guide"), mode))
                    .as(mode.name() + ": title is reserved, not metadata").isEmpty();
            assertThat(search.search("creator-1", "morning", 10, Map.of(), mode)).as(mode.name()).hasSize(2);
        }
    }

    @Test
    void hybridFindsWhatEitherRetrieverAloneRanksHighest() {
        // GIVEN a model that only knows that "dawn" and "early" mean morning, and three chunks:
        // one about dawn without the query's words, one with the query's word "wake" that the model
        // sees as unrelated, and one unrelated
        EmbeddingModel morning = new ConceptEmbeddings();
        KnowledgeIndexer conceptIndexer = new KnowledgeIndexer(morning, store, TextSplitter.defaults(), CLOCK);
        KnowledgeSearch conceptSearch = new KnowledgeSearch(morning, store);
        conceptIndexer.index("creator-1", "cooking", "Notes", "unrelated cooking tips", Map.of(), KnowledgeIndexer.Progress.NONE);
        conceptIndexer.index("creator-1", "dawn", "Notes", "rise at dawn", Map.of(), KnowledgeIndexer.Progress.NONE);
        conceptIndexer.index("creator-1", "wake", "Notes", "wake schedule", Map.of(), KnowledgeIndexer.Progress.NONE);

        // WHEN
        List<String> dense = ids(conceptSearch.search("creator-1", "early wake", 2, Map.of(), SearchMode.DENSE));
        List<String> lexical = ids(conceptSearch.search("creator-1", "early wake", 2, Map.of(), SearchMode.LEXICAL));
        List<KnowledgeHit> hybrid = conceptSearch.search("creator-1", "early wake", 2, Map.of(), SearchMode.HYBRID);

        // THEN each retriever alone misses one of the two, hybrid returns both: "wake" is first in the
        // lexical list and third (a tie, broken by insertion) in the dense one, "dawn" first in the dense one
        assertThat(dense).containsExactly("dawn:0", "cooking:0");
        assertThat(lexical).containsExactly("wake:0");
        assertThat(ids(hybrid)).containsExactly("wake:0", "dawn:0");
        assertThat(hybrid.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 63, within(1e-12));
        assertThat(hybrid.get(1).score()).isCloseTo(1.0 / 61, within(1e-12));
        assertThat(hybrid).extracting(KnowledgeHit::text).containsExactly("wake schedule", "rise at dawn");
    }

    @Test
    void denseScoresAreCosinesAndAnEmptyKnowledgeBaseAnswersEmpty() {
        // GIVEN a creator with no documents yet, and one with a document
        assertThat(search.search("creator-new", "anything", 5, Map.of(), SearchMode.HYBRID)).isEmpty();
        index("creator-1", "doc-1", "Guide", "breathing exercise for stress", Map.of());

        // WHEN
        List<KnowledgeHit> hits = search.search("creator-1", "breathing exercise", 5, Map.of(), SearchMode.DENSE);

        // THEN
        assertThat(hits).singleElement().satisfies(hit -> assertThat(hit.score()).isBetween(0.5, 1.0));
        assertThat(EnumSet.allOf(SearchMode.class)).allSatisfy(mode ->
                assertThat(search.search("creator-1", "breathing", 1, Map.of(), mode)).hasSize(1));
    }

    private void index(String creator, String documentId, String title, String text, Map<String, String> metadata) {
        indexer.index(creator, documentId, title, text, metadata, KnowledgeIndexer.Progress.NONE);
    }

    private static List<String> ids(List<KnowledgeHit> hits) {
        return hits.stream().map(KnowledgeHit::chunkId).toList();
    }

    /** Texts that mention "dawn" or "early" point one way (morning), every other text another. */
    private static final class ConceptEmbeddings implements EmbeddingModel {
        @Override
        public String modelId() {
            return "concepts-2";
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            EmbeddingModel.requireTexts(texts);
            return texts.stream().map(text -> text.contains("dawn") || text.contains("early")
                    ? new float[] {1f, 0f} : new float[] {0f, 1f}).toList();
        }
    }
}
