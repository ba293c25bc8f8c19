package dev.lumen.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.knowledge.KnowledgeHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirDatasetTest {
    @TempDir
    Path dir;

    private Path corpus;
    private Path queries;
    private Path qrels;

    private void writeDataset() throws IOException {
        corpus = Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "Sleep", "text": "Sleep consolidates memory.", "metadata": {}}
                {"_id": "d2", "title": "", "text": "Exercise improves mood."}

                {"_id": "d3", "title": "Diet \\u00e9t\\u00e9", "text": "Fibre feeds gut bacteria."}
                """);
        queries = Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "does sleep help memory?"}
                {"_id": "q2", "text": "what feeds gut bacteria"}
                {"_id": "q3", "text": "a query without judgements"}
                {"_id": "q4", "text": "a query judged only not relevant"}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        qrels = Files.writeString(dir.resolve("qrels/test.tsv"),
                "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t2\nq2\td2\t0\nq4\td2\t0\n");
    }

    @Test
    void readsCorpusQueriesAndGradedJudgements() throws IOException {
        // GIVEN
        writeDataset();

        // WHEN
        BeirDataset dataset = BeirDataset.load(corpus, queries, qrels, 0);

        // THEN
        assertThat(dataset.documents()).containsExactly(
                new BeirDataset.Document("d1", "Sleep", "Sleep consolidates memory."),
                new BeirDataset.Document("d2", "", "Exercise improves mood."),
                new BeirDataset.Document("d3", "Diet été", "Fibre feeds gut bacteria."));
        assertThat(dataset.queries()).extracting(BeirDataset.Query::id).containsExactly("q1", "q2");
        assertThat(dataset.queries().get(1).text()).isEqualTo("what feeds gut bacteria");
        assertThat(dataset.relevance("q2")).containsExactlyInAnyOrderEntriesOf(Map.of("d3", 2, "d2", 0));
        assertThat(dataset.relevance("q3")).isEmpty();
    }

    @Test
    void limitKeepsTheFirstDocumentsAndOnlyQueriesStillAnswerable() throws IOException {
        // GIVEN
        writeDataset();

        // WHEN
        BeirDataset dataset = BeirDataset.load(corpus, queries, qrels, 2);

        // THEN d3 is left out, and with it q2's only relevant document
        assertThat(dataset.documents()).extracting(BeirDataset.Document::id).containsExactly("d1", "d2");
        assertThat(dataset.queries()).extracting(BeirDataset.Query::id).containsExactly("q1");
        assertThat(dataset.relevance("q2")).containsExactlyEntriesOf(Map.of("d2", 0));
    }

    @Test
    void aBadJudgementLineIsReportedWithItsLineNumber() throws IOException {
        // GIVEN
        writeDataset();
        Files.writeString(qrels, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2 d3 2\n");

        // WHEN / THEN
        assertThatThrownBy(() -> BeirDataset.load(corpus, queries, qrels, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void aCorpusLineWithoutIdIsRejected() throws IOException {
        // GIVEN
        writeDataset();
        Files.writeString(corpus, "{\"title\": \"no id\", \"text\": \"x\"}\n");

        // WHEN / THEN
        assertThatThrownBy(() -> BeirDataset.load(corpus, queries, qrels, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'_id'");
    }

    @Test
    void documentsAreRankedByTheirBestChunkAndMappedBackToCorpusIds() {
        // GIVEN chunks of three documents, one of them indexed under a sanitised id
        Map<String, String> corpusIds = new HashMap<>();
        String sanitised = RetrievalBenchmark.lumenId("doc/with spaces", corpusIds);
        corpusIds.put(sanitised, "doc/with spaces");
        corpusIds.put(RetrievalBenchmark.lumenId("7", corpusIds), "7");
        List<KnowledgeHit> hits = List.of(hit("7", 0), hit(sanitised, 2), hit("7", 1), hit("8", 0), hit(sanitised, 0));

        // WHEN
        List<String> ranking = RetrievalBenchmark.documentRanking(hits, corpusIds);

        // THEN
        assertThat(sanitised).isEqualTo("doc_with_spaces");
        assertThat(ranking).containsExactly("7", "doc/with spaces", "8");
    }

    @Test
    void sanitisedIdsStayUnique() {
        // GIVEN
        Map<String, String> taken = new HashMap<>();
        taken.put(RetrievalBenchmark.lumenId("a b", taken), "a b");

        // WHEN
        String second = RetrievalBenchmark.lumenId("a/b", taken);

        // THEN
        assertThat(second).isEqualTo("a_b-2");
        assertThat(RetrievalBenchmark.lumenId("!!!", Map.of())).isEqualTo("___");
    }

    private static KnowledgeHit hit(String documentId, int position) {
        return new KnowledgeHit(documentId + ":" + position, documentId, "title", position, "text", 1.0, Map.of());
    }
}
