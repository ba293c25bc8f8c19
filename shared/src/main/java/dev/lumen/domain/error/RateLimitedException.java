package dev.lumen.domain.error;

/**
 * The caller sent more requests than their rate allows (HTTP 429). {@link #retryAfterSeconds()}
 * says when the next one will be accepted, for the {@code Retry-After} header.
 */
public final class RateLimitedException extends DomainException {
    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super("rate_limited", "too many requests; retry after " + Math.max(1, retryAfterSeconds) + " s");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
