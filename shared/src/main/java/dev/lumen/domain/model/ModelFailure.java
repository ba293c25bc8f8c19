package dev.lumen.domain.model;

/**
 * What kind of failure a model call ended in; it decides what {@link FallbackChatModel} does next.
 */
public enum ModelFailure {
    /** 429 / throttling / quota: the same model may answer after a pause. */
    THROTTLED(true),
    /** 5xx or a broken connection: the same model may answer on a second try. */
    SERVER_ERROR(true),
    /** No answer within the attempt's time: asking the same model again would likely be as slow. */
    TIMEOUT(false),
    /** An answer that cannot be read (cut-off JSON, no output message). */
    MALFORMED(false),
    /** The model refused the request or the configuration (400/401/403/404): retrying cannot fix it. */
    REJECTED(false);

    private final boolean retrySameModel;

    ModelFailure(boolean retrySameModel) {
        this.retrySameModel = retrySameModel;
    }

    /** Whether another attempt at the same model is worth it. */
    public boolean retrySameModel() {
        return retrySameModel;
    }
}
