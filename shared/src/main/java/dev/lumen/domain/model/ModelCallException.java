package dev.lumen.domain.model;

import dev.lumen.domain.error.UnavailableException;

/**
 * A model call failed, with the {@link ModelFailure kind} of failure. Still an
 * {@link UnavailableException} ({@code model_unavailable}, HTTP 503) for callers that do not care
 * about the kind; the fallback chain uses the kind to choose between retrying and moving on.
 */
public final class ModelCallException extends UnavailableException {
    private final ModelFailure failure;
    private final String modelId;

    public ModelCallException(ModelFailure failure, String modelId, Throwable cause) {
        super("model_unavailable", "the chat model is unavailable; retry later", cause);
        this.failure = failure;
        this.modelId = modelId;
    }

    public ModelFailure failure() {
        return failure;
    }

    public String modelId() {
        return modelId;
    }
}
