package dev.lumen.domain.vector;

import java.util.List;

/**
 * Port: turns texts into vectors. Implementations batch internally as their backend prefers and
 * retry transient failures themselves, throwing
 * {@link dev.lumen.domain.error.UnavailableException} when they give up.
 */
public interface EmbeddingModel {

    /** Identifies the model, e.g. {@code all-minilm-l6-v2-q} or {@code amazon.titan-embed-text-v2:0}. */
    String modelId();

    /** Length of every vector this model returns. */
    int dimensions();

    /**
     * One vector per text, in the same order, each of length {@link #dimensions()}.
     *
     * @throws IllegalArgumentException when a text is null or blank (there is nothing to embed)
     */
    List<float[]> embed(List<String> texts);

    default float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }

    /** The check every adapter applies before embedding (Bedrock refuses empty input; there is nothing to embed). */
    static void requireTexts(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts is null");
        }
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("cannot embed a null or blank text");
            }
        }
    }
}
