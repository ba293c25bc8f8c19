package dev.lumen.fakes;

import dev.lumen.domain.vector.EmbeddingModel;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic bag-of-words {@link EmbeddingModel} for unit tests: each word adds to one of
 * {@code dimensions} buckets, then the vector is normalised. Texts sharing words are similar.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {
    private final int dimensions;

    public HashingEmbeddingModel(int dimensions) {
        this.dimensions = dimensions;
    }

    @Override
    public String modelId() {
        return "hashing-" + dimensions;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        EmbeddingModel.requireTexts(texts);
        return texts.stream().map(this::vector).toList();
    }

    private float[] vector(String text) {
        float[] v = new float[dimensions];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2) {
                v[Math.floorMod(word.hashCode(), dimensions)] += 1f;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1f;
            return v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
