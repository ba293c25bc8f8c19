package dev.lumen.domain.error;

/**
 * A dependency (model, store) could not serve the request after retries (maps to HTTP 503).
 * The caller may retry; nothing was persisted for the failed request. Not final: a model call's
 * failure says what kind it was ({@link dev.lumen.domain.model.ModelCallException}).
 */
public class UnavailableException extends DomainException {
    public UnavailableException(String code, String message, Throwable cause) {
        super(code, message);
        initCause(cause);
    }
}
