package dev.lumen.domain.error;

import java.time.Duration;
import java.time.Instant;

/**
 * A user's or creator's spending budget for model calls is used up (maps to HTTP 429 with a
 * {@code Retry-After} header). Raised before the model is called, so nothing is spent or stored.
 */
public final class BudgetExceededException extends DomainException {
    private final Instant resetsAt;
    private final Duration retryAfter;

    /**
     * @param resetsAt   when the budget period that is used up ends (UTC midnight, or the first of next month)
     * @param retryAfter how long until then, for the {@code Retry-After} header
     */
    public BudgetExceededException(String message, Instant resetsAt, Duration retryAfter) {
        super("budget_exceeded", message);
        this.resetsAt = resetsAt;
        this.retryAfter = retryAfter;
    }

    public Instant resetsAt() {
        return resetsAt;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
