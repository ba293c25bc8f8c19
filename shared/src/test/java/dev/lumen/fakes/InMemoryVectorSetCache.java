package dev.lumen.fakes;

import dev.lumen.domain.vector.VectorSetCache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory {@link VectorSetCache}; same contract as the real adapter. Counts reads and writes for tests. */
public final class InMemoryVectorSetCache implements VectorSetCache {
    private final Map<String, List<float[]>> sets = new HashMap<>();
    private final AtomicInteger finds = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();

    @Override
    public synchronized Optional<List<float[]>> find(String key) {
        finds.incrementAndGet();
        List<float[]> set = sets.get(key);
        return set == null ? Optional.empty() : Optional.of(copy(set));
    }

    @Override
    public synchronized void put(String key, List<float[]> vectors) {
        puts.incrementAndGet();
        for (float[] vector : vectors) {
            if (vector.length == 0 || vector.length != vectors.get(0).length) {
                throw new IllegalArgumentException("every vector of a set must have the same, non-zero length");
            }
        }
        sets.put(key, copy(vectors));
    }

    /** Replaces a stored set as it is, unchecked: a set some other writer left malformed. */
    public synchronized void corrupt(String key, List<float[]> vectors) {
        sets.put(key, copy(vectors));
    }

    public synchronized Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new HashMap<>();
        sets.forEach((key, set) -> sizes.put(key, set.size()));
        return sizes;
    }

    public int finds() {
        return finds.get();
    }

    public int puts() {
        return puts.get();
    }

    private static List<float[]> copy(List<float[]> vectors) {
        return vectors.stream().map(float[]::clone).toList();
    }
}
