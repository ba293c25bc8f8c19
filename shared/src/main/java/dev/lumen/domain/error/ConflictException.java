package dev.lumen.domain.error;

/** The request conflicts with the current state, e.g. an id already taken (maps to HTTP 409). */
public final class ConflictException extends DomainException {
    public ConflictException(String code, String message) {
        super(code, message);
    }
}
