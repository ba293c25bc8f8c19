package dev.lumen.domain.error;

/** The addressed resource does not exist (maps to HTTP 404). */
public final class NotFoundException extends DomainException {
    public NotFoundException(String code, String message) {
        super(code, message);
    }
}
