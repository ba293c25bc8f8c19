package dev.lumen.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    // b (grade 1) at rank 2, d (grade 2) at rank 4; e (grade 1) relevant but not retrieved; z judged not relevant
    private static final List<String> RANKING = List.of("a", "b", "c", "d", "z");
    private static final Map<String, Integer> RELEVANCE = Map.of("b", 1, "d", 2, "e", 1, "z", 0);

    @Test
    void ndcgUsesGradedGainsAndLog2DiscountAgainstTheIdealOrderOfTheJudgements() {
        // GIVEN DCG@10 = 1/log2(3) + 2/log2(5) = 1.492283; IDCG@10 = 2/log2(2) + 1/log2(3) + 1/log2(4) = 3.130930

        // WHEN
        double ndcg = RankingMetrics.ndcgAt(10, RANKING, RELEVANCE);

        // THEN
        assertThat(ndcg).isCloseTo(1.492283 / 3.130930, within(1e-6)).isCloseTo(0.476626, within(1e-6));
    }

    @Test
    void ndcgCutsBothTheRankingAndTheIdealAtK() {
        // GIVEN DCG@2 = 1/log2(3) = 0.630930; IDCG@2 = 2 + 1/log2(3) = 2.630930

        // WHEN
        double ndcg = RankingMetrics.ndcgAt(2, RANKING, RELEVANCE);

        // THEN
        assertThat(ndcg).isCloseTo(0.239812, within(1e-6));
    }

    @Test
    void ndcgIsOneForTheIdealRankingAndZeroWithoutRelevantDocuments() {
        // WHEN / THEN
        assertThat(RankingMetrics.ndcgAt(10, List.of("d", "b", "e", "a"), RELEVANCE)).isCloseTo(1.0, within(1e-12));
        assertThat(RankingMetrics.ndcgAt(10, List.of("d", "e", "b"), RELEVANCE)).isCloseTo(1.0, within(1e-12));
        assertThat(RankingMetrics.ndcgAt(10, List.of("a", "c"), RELEVANCE)).isZero();
        assertThat(RankingMetrics.ndcgAt(10, RANKING, Map.of("a", 0))).isZero();
    }

    @Test
    void recallIsTheShareOfRelevantDocumentsFoundWithinK() {
        // WHEN / THEN: three relevant documents (grade > 0); z's grade 0 does not count
        assertThat(RankingMetrics.recallAt(100, RANKING, RELEVANCE)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RankingMetrics.recallAt(3, RANKING, RELEVANCE)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(RankingMetrics.recallAt(1, RANKING, RELEVANCE)).isZero();
        assertThat(RankingMetrics.recallAt(100, RANKING, Map.of())).isZero();
    }

    @Test
    void reciprocalRankIsThatOfTheFirstRelevantDocumentWithinK() {
        // WHEN / THEN
        assertThat(RankingMetrics.reciprocalRankAt(10, RANKING, RELEVANCE)).isEqualTo(0.5);
        assertThat(RankingMetrics.reciprocalRankAt(10, List.of("d", "b"), RELEVANCE)).isEqualTo(1.0);
        assertThat(RankingMetrics.reciprocalRankAt(1, RANKING, RELEVANCE)).isZero();
        assertThat(RankingMetrics.reciprocalRankAt(10, List.of("z", "a"), RELEVANCE)).isZero();
    }
}
