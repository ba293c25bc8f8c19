package dev.lumen.domain.access;

import java.time.Duration;

/**
 * Port: a per-caller token bucket. Each request takes one token; tokens come back at a steady
 * rate up to the bucket's size (the burst). Kept outside the function so every Lambda container
 * of every function draws from the same bucket.
 */
public interface RateLimiter {

    /** Never refuses: rate limiting switched off. */
    RateLimiter UNLIMITED = key -> Decision.ALLOWED;

    /** Takes one token from {@code key}'s bucket if there is one. */
    Decision tryTake(String key);

    /**
     * The answer for one request.
     *
     * @param retryAfter when the refused caller will have a token again; zero when allowed
     */
    record Decision(boolean allowed, Duration retryAfter) {
        public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        public static Decision refused(Duration retryAfter) {
            return new Decision(false, retryAfter);
        }
    }
}
