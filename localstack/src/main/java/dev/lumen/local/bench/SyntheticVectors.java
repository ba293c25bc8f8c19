package dev.lumen.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random vectors clustered the way embeddings are: each is one of a fixed set of random centres plus
 * Gaussian noise as large as the centre, so a query's nearest neighbours are close rivals (cosine
 * ~0.5 within a cluster, ~0 across) rather than trivially separated. Seeded: the same on every run.
 */
final class SyntheticVectors {
    private final int dimensions;
    private final float[][] centres;
    private final Random random;

    SyntheticVectors(int dimensions, int clusters, long seed) {
        this.dimensions = dimensions;
        this.random = new Random(seed);
        this.centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = gaussian();
        }
    }

    List<float[]> take(int count) {
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            float[] vector = gaussian();
            for (int d = 0; d < dimensions; d++) {
                vector[d] += centre[d];
            }
            vectors.add(vector);
        }
        return vectors;
    }

    private float[] gaussian() {
        float[] vector = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return vector;
    }
}
