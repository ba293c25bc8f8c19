package dev.lumen.domain.knowledge;

import dev.lumen.domain.vector.VectorHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): each list gives a document
 * {@code 1 / (K + rank)}, the sums rank the union. It needs no score calibration, which is why
 * BM25 scores (unbounded) and cosine similarities (0..1) can be fused with it.
 */
public final class ReciprocalRankFusion {
    /** The constant from the paper; it damps the weight of the very first ranks. */
    public static final int K = 60;

    private ReciprocalRankFusion() {
    }

    /** The union of the lists by fused score, best first, at most {@code limit}; hits carry their fused score. */
    @SafeVarargs
    public static List<VectorHit> fuse(int limit, List<VectorHit>... rankings) {
        Map<String, VectorHit> documents = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<VectorHit> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                VectorHit hit = ranking.get(rank);
                String id = hit.document().id();
                documents.putIfAbsent(id, hit);
                scores.merge(id, 1.0 / (K + rank + 1), Double::sum);
            }
        }
        List<VectorHit> fused = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> fused.add(new VectorHit(documents.get(id).document(), score)));
        fused.sort(Comparator.comparingDouble(VectorHit::score).reversed()
                .thenComparing(hit -> hit.document().id()));
        return List.copyOf(fused.subList(0, Math.min(limit, fused.size())));
    }
}
