package dev.lumen.domain.error;

/**
 * The request is well-formed but its content cannot be used, e.g. a document whose text cannot be
 * extracted: not valid UTF-8, a corrupt or password-protected PDF, no text at all (maps to HTTP 422).
 * Retrying the same content fails the same way.
 */
public final class UnprocessableContentException extends DomainException {
    public UnprocessableContentException(String code, String message) {
        super(code, message);
    }

    public UnprocessableContentException(String code, String message, Throwable cause) {
        super(code, message);
        initCause(cause);
    }
}
