package dev.lumen.domain.vector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link EmbeddingModel} that remembers the vectors of the last few single texts it embedded.
 * A chat turn embeds its message for memory recall and again for knowledge retrieval; with Titan
 * that would be two Bedrock calls for one text. Batches (documents, memories) pass straight
 * through: they are embedded once anyway and would only crowd the cache.
 */
public final class RecentEmbeddings implements EmbeddingModel {
    static final int CAPACITY = 256;

    private final EmbeddingModel model;
    private final Map<String, float[]> recent = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CAPACITY;
        }
    };

    public RecentEmbeddings(EmbeddingModel model) {
        this.model = model;
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public int dimensions() {
        return model.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.size() != 1) {
            return model.embed(texts);
        }
        String text = texts.get(0);
        float[] cached;
        synchronized (recent) {
            cached = recent.get(text);
        }
        if (cached == null) {
            cached = model.embed(texts).get(0);
            synchronized (recent) {
                recent.put(text, cached);
            }
        }
        // A copy: callers own what they get, and must not change what the next caller receives.
        List<float[]> out = new ArrayList<>(1);
        out.add(cached.clone());
        return out;
    }
}
