package dev.lumen.domain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.RecordingEmbeddingModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KnowledgeIndexerTest {
    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ExactVectorStore store = new ExactVectorStore();
    private final RecordingEmbeddingModel embeddings = new RecordingEmbeddingModel(new HashingEmbeddingModel(64));

    @Test
    void aDocumentIsIndexedAsTheSplittersChunksWithTitleAndAttributes() {
        // GIVEN a document of about 3,000 characters
        String text = IntStream.range(0, 400).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        assertThat(text.length()).isBetween(3_000, 3_500);
        KnowledgeIndexer indexer = new KnowledgeIndexer(embeddings, store, TextSplitter.defaults(), CLOCK);
        List<String> expected = TextSplitter.defaults().split(text);

        // WHEN
        int chunks = indexer.index("creator-1", "doc-1", "Sleep guide", text, Map.of("topic", "sleep"), KnowledgeIndexer.Progress.NONE);

        // THEN one indexed document per chunk, ids doc-1:0..n-1, the title before the chunk's text
        assertThat(chunks).isEqualTo(expected.size()).isGreaterThan(3);
        assertThat(store.count(KnowledgeIndexer.INDEX, "creator-1")).isEqualTo(chunks);
        List<VectorDocument> indexed = all("creator-1");
        assertThat(indexed).extracting(VectorDocument::id)
                .containsExactlyElementsOf(IntStream.range(0, chunks).mapToObj(p -> "doc-1:" + p).toList());
        for (int position = 0; position < chunks; position++) {
            VectorDocument document = indexed.get(position);
            assertThat(document.text()).isEqualTo("Sleep guide\n\n" + expected.get(position));
            assertThat(document.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("documentId", "doc-1",
                    "title", "Sleep guide", "position", String.valueOf(position), "meta.topic", "sleep"));
            assertThat(document.createdAt()).isEqualTo(NOW);
            assertThat(document.vector()).isEqualTo(new HashingEmbeddingModel(64).embed(document.text()));
        }
    }

    @Test
    void chunksAreEmbeddedInBatchesOf32AndProgressIsToldAfterEach() {
        // GIVEN a document of 70 paragraphs that a splitter of 100 characters keeps one per chunk
        String text = IntStream.range(0, 70).mapToObj(i -> "paragraph " + i + " " + "text ".repeat(15))
                .collect(Collectors.joining("\n\n"));
        KnowledgeIndexer indexer = new KnowledgeIndexer(embeddings, store, new TextSplitter(100, 0), CLOCK);
        List<String> progress = new ArrayList<>();

        // WHEN
        int chunks = indexer.index("creator-1", "doc-1", "Long", text, Map.of(),
                (done, total) -> progress.add(done + "/" + total));

        // THEN
        assertThat(chunks).isEqualTo(70);
        assertThat(embeddings.batchSizes()).containsExactly(32, 32, 6);
        assertThat(progress).containsExactly("32/70", "64/70", "70/70");
        assertThat(store.count(KnowledgeIndexer.INDEX, "creator-1")).isEqualTo(70);
    }

    @Test
    void reindexingAShorterVersionReplacesChunksAndRemoveChunksDropsTheRest() {
        // GIVEN a document of five chunks
        KnowledgeIndexer indexer = new KnowledgeIndexer(embeddings, store, new TextSplitter(12, 0), CLOCK);
        int before = indexer.index("creator-1", "doc-1", "T", "alpha one\n\nbeta two\n\ngamma three\n\ndelta four\n\nepsilon five",
                Map.of(), KnowledgeIndexer.Progress.NONE);
        indexer.index("creator-2", "doc-1", "T", "other text", Map.of(), KnowledgeIndexer.Progress.NONE);

        // WHEN a new version of three chunks is indexed and the positions beyond it removed
        int after = indexer.index("creator-1", "doc-1", "T", "new one\n\nnew two\n\nnew three", Map.of(),
                KnowledgeIndexer.Progress.NONE);
        indexer.removeChunks("creator-1", "doc-1", after, before);
        indexer.removeChunks("creator-1", "doc-1", 3, 3);

        // THEN
        assertThat(before).isEqualTo(5);
        assertThat(after).isEqualTo(3);
        assertThat(all("creator-1")).extracting(VectorDocument::id, VectorDocument::text).containsExactly(
                tuple("doc-1:0", "T\n\nnew one"),
                tuple("doc-1:1", "T\n\nnew two"),
                tuple("doc-1:2", "T\n\nnew three"));
        assertThat(store.count(KnowledgeIndexer.INDEX, "creator-2")).as("the same document id of another creator")
                .isEqualTo(1);
    }

    @Test
    void creatorMetadataCannotPoseAsAReservedAttribute() {
        // GIVEN metadata whose keys are the reserved attribute names
        KnowledgeIndexer indexer = new KnowledgeIndexer(embeddings, store, TextSplitter.defaults(), CLOCK);

        // WHEN
        indexer.index("creator-1", "doc-1", "Real title", "some text", Map.of("documentId", "doc-9", "title", "Fake"),
                KnowledgeIndexer.Progress.NONE);

        // THEN the real values stay; the creator's live under the prefix
        assertThat(all("creator-1")).singleElement().satisfies(document -> assertThat(document.attributes())
                .containsEntry("documentId", "doc-1").containsEntry("title", "Real title")
                .containsEntry("meta.documentId", "doc-9").containsEntry("meta.title", "Fake"));
    }

    /** Every chunk of a creator, by position. */
    private List<VectorDocument> all(String creator) {
        return store.search(KnowledgeIndexer.INDEX, new VectorQuery(creator, embeddings.embed("anything"), 1000, Map.of()))
                .stream().map(VectorHit::document)
                .sorted(Comparator.comparingInt(document -> Integer.parseInt(document.attributes().get("position"))))
                .toList();
    }
}
