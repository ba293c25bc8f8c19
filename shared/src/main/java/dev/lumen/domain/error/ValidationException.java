package dev.lumen.domain.error;

/** The request is malformed or breaks a rule (maps to HTTP 400). */
public final class ValidationException extends DomainException {
    public ValidationException(String code, String message) {
        super(code, message);
    }
}
