package dev.lumen.fakes;

import dev.lumen.domain.vector.EmbeddingModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EmbeddingModel} that embeds with its delegate and records every batch it was asked for,
 * so a test can count calls, batch sizes or which texts were embedded.
 */
public class RecordingEmbeddingModel implements EmbeddingModel {
    private final EmbeddingModel delegate;
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();

    public RecordingEmbeddingModel(EmbeddingModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        batches.add(List.copyOf(texts));
        return delegate.embed(texts);
    }

    /** Every batch asked for, in order. */
    public List<List<String>> batches() {
        return List.copyOf(batches);
    }

    public int calls() {
        return batches.size();
    }

    public List<Integer> batchSizes() {
        return batches.stream().map(List::size).toList();
    }
}
