package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.Ids;
import dev.lumen.domain.vector.VectorSetCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link VectorSetCache} must do. Cases use fresh random keys, so a subclass may share one store. */
public abstract class VectorSetCacheContract {
    private VectorSetCache cache;

    protected abstract VectorSetCache newCache();

    @BeforeEach
    void createCache() {
        cache = newCache();
    }

    @Test
    void aSetComesBackBitForBitInOrder() {
        // GIVEN vectors with awkward floats: negative zero, the smallest subnormal, extremes, ordinary noise
        String key = "model|4|" + Ids.random();
        List<float[]> vectors = List.of(
                new float[] {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE},
                new float[] {0.1f, -0.2f, 1e-30f, 3.4028e38f},
                new float[] {1f, 2f, 3f, 4f});

        // WHEN it is put and read back
        cache.put(key, vectors);
        Optional<List<float[]>> found = cache.find(key);

        // THEN the same bits, in the same order
        assertThat(found).isPresent();
        assertThat(bits(found.get())).isEqualTo(bits(vectors));
    }

    @Test
    void anUnknownKeyIsAMiss() {
        assertThat(cache.find("model|4|" + Ids.random())).isEmpty();
    }

    @Test
    void aLargeSetRoundTrips() {
        // GIVEN ~200 vectors of 1024 floats, as Titan v2 gives for the safety exemplars (~800 KB)
        String key = "titan|1024|" + Ids.random();
        List<float[]> vectors = random(204, 1024, 42);

        // WHEN / THEN
        cache.put(key, vectors);
        assertThat(cache.find(key)).hasValueSatisfying(found -> assertThat(bits(found)).isEqualTo(bits(vectors)));
    }

    @Test
    void aPutReplacesTheSetAndKeysAreIndependent() {
        // GIVEN two keys with sets of different sizes
        String first = "model|8|" + Ids.random();
        String second = "model|8|" + Ids.random();
        cache.put(first, random(5, 8, 1));
        cache.put(second, random(3, 8, 2));

        // WHEN the first is put again with another, smaller set
        List<float[]> replacement = random(2, 8, 3);
        cache.put(first, replacement);

        // THEN the first holds only the replacement, the second is untouched
        assertThat(cache.find(first)).hasValueSatisfying(found -> assertThat(bits(found)).isEqualTo(bits(replacement)));
        assertThat(cache.find(second)).hasValueSatisfying(found -> assertThat(bits(found)).isEqualTo(bits(random(3, 8, 2))));
    }

    @Test
    void whatFindReturnsIsTheCallersOwn() {
        // GIVEN a stored set, read once and changed by the reader
        String key = "model|2|" + Ids.random();
        cache.put(key, List.of(new float[] {1f, 2f}));
        cache.find(key).orElseThrow().get(0)[0] = 99f;

        // WHEN / THEN the next read is unchanged
        assertThat(cache.find(key).orElseThrow().get(0)).containsExactly(1f, 2f);
    }

    @Test
    void vectorsOfDifferentLengthsAreRefused() {
        String key = "model|2|" + Ids.random();
        assertThatThrownBy(() -> cache.put(key, List.of(new float[] {1f, 2f}, new float[] {1f})))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.find(key)).isEmpty();
    }

    private static List<List<Integer>> bits(List<float[]> vectors) {
        List<List<Integer>> bits = new ArrayList<>();
        for (float[] vector : vectors) {
            List<Integer> row = new ArrayList<>(vector.length);
            for (float value : vector) {
                row.add(Float.floatToRawIntBits(value));
            }
            bits.add(row);
        }
        return bits;
    }

    /** {@code count} Gaussian vectors, the same for the same seed: what adapter tests store too. */
    protected static List<float[]> random(int count, int dimensions, long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] vector = new float[dimensions];
            for (int d = 0; d < dimensions; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vectors.add(vector);
        }
        return vectors;
    }
}
