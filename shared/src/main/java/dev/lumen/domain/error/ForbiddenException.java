package dev.lumen.domain.error;

/** The caller is known but may not touch this data: another user's, another creator's, or admin-only (HTTP 403). */
public final class ForbiddenException extends DomainException {
    public ForbiddenException(String message) {
        super("forbidden", message);
    }
}
