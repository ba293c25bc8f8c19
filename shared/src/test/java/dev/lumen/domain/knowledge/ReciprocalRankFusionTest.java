package dev.lumen.domain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    @Test
    void theUnionIsRankedBySummedReciprocalRanks() {
        // GIVEN a dense ranking a, b, c and a lexical ranking c, a, d (scores on different scales)
        List<VectorHit> dense = List.of(hit("a", 0.9), hit("b", 0.8), hit("c", 0.7));
        List<VectorHit> lexical = List.of(hit("c", 12.0), hit("a", 7.5), hit("d", 1.0));

        // WHEN
        List<VectorHit> fused = ReciprocalRankFusion.fuse(10, dense, lexical);

        // THEN a = 1/61 + 1/62, c = 1/63 + 1/61, b = 1/62, d = 1/63
        assertThat(fused).extracting(hit -> hit.document().id()).containsExactly("a", "c", "b", "d");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
        assertThat(fused.get(3).score()).isCloseTo(1.0 / 63, within(1e-12));
    }

    @Test
    void theLimitCutsTheFusedListAndTiesGoByIdWithTheFirstListsDocument() {
        // GIVEN two lists whose firsts differ: equal fused scores
        VectorHit zFromDense = hit("z", 0.9);
        List<VectorHit> dense = List.of(zFromDense, hit("m", 0.5));
        List<VectorHit> lexical = List.of(hit("y", 3.0), new VectorHit(zFromDense.document(), 1.0));

        // WHEN
        List<VectorHit> fused = ReciprocalRankFusion.fuse(2, dense, lexical);

        // THEN z is in both (1/61 + 1/62); y (1/61) and m (1/62) tie on rank, y wins; the limit drops m
        assertThat(fused).extracting(hit -> hit.document().id()).containsExactly("z", "y");
        assertThat(fused.get(0).document()).isSameAs(zFromDense.document());
        assertThat(ReciprocalRankFusion.fuse(5, List.of(hit("b", 1)), List.of(hit("a", 1))))
                .extracting(hit -> hit.document().id()).containsExactly("a", "b");
    }

    @Test
    void emptyRankingsFuseToNothing() {
        // WHEN / THEN
        assertThat(ReciprocalRankFusion.fuse(5, List.of(), List.of())).isEmpty();
        assertThat(ReciprocalRankFusion.fuse(5, List.of(), List.of(hit("x", 2.0))))
                .singleElement().satisfies(hit -> assertThat(hit.score()).isCloseTo(1.0 / 61, within(1e-12)));
    }

    private static VectorHit hit(String id, double score) {
        return new VectorHit(new VectorDocument(id, "tenant-a", "text " + id, new float[] {1f}, Map.of(),
                Instant.EPOCH), score);
    }
}
