package dev.lumen.domain.error;

/**
 * Base of every error the domain raises on purpose. Each carries a stable machine-readable
 * {@link #code()} that clients can branch on; the message is safe to show to the caller.
 */
public abstract class DomainException extends RuntimeException {
    private final String code;

    protected DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
