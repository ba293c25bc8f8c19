package dev.lumen.local.bench;

import java.util.List;
import java.util.Map;

/**
 * The ranking measures BEIR reports, for one query, as trec_eval computes them: graded gains taken
 * as they are in the qrels (gain = grade), discount {@code 1 / log2(rank + 1)}, and a document
 * relevant when its grade is above 0. Averaging over queries is the caller's.
 */
final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * nDCG@k: the discounted gain of the first {@code k} of {@code ranking}, over that of the ideal
     * ranking of the judged documents; 0 when no document is relevant.
     *
     * @param ranking   document ids, best first, without repeats
     * @param relevance grade per judged document id; missing means 0
     */
    static double ndcgAt(int k, List<String> ranking, Map<String, Integer> relevance) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            dcg += gain(relevance.getOrDefault(ranking.get(i), 0)) / log2(i + 2);
        }
        List<Integer> ideal = relevance.values().stream().filter(grade -> grade > 0)
                .sorted((a, b) -> Integer.compare(b, a)).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += gain(ideal.get(i)) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Recall@k: the share of the relevant documents found in the first {@code k}; 0 when none is relevant. */
    static double recallAt(int k, List<String> ranking, Map<String, Integer> relevance) {
        long relevant = relevance.values().stream().filter(grade -> grade > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranking.stream().limit(k).filter(id -> relevance.getOrDefault(id, 0) > 0).count();
        return (double) found / relevant;
    }

    /** Reciprocal rank of the first relevant document within the first {@code k}, or 0 when there is none. */
    static double reciprocalRankAt(int k, List<String> ranking, Map<String, Integer> relevance) {
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (relevance.getOrDefault(ranking.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** trec_eval's gain: the grade itself (negative grades count as 0). */
    private static double gain(int grade) {
        return Math.max(0, grade);
    }

    private static double log2(int value) {
        return Math.log(value) / Math.log(2);
    }
}
