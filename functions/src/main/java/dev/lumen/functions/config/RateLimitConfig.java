package dev.lumen.functions.config;

import dev.lumen.domain.access.TokenBucket;
import java.util.Optional;

/**
 * The per-user rate limit, read from the environment: {@code LUMEN_RATE_LIMIT_PER_MINUTE}
 * (default 120; 0 switches it off) and {@code LUMEN_RATE_LIMIT_BURST} (default 30).
 *
 * @param bucket the bucket every user gets; empty when rate limiting is off
 */
public record RateLimitConfig(Optional<TokenBucket> bucket) {
    public static final int DEFAULT_PER_MINUTE = 120;
    public static final int DEFAULT_BURST = 30;

    public static RateLimitConfig fromEnvironment() {
        int perMinute = Environment.wholeNumber("LUMEN_RATE_LIMIT_PER_MINUTE", DEFAULT_PER_MINUTE, 0);
        int burst = Environment.wholeNumber("LUMEN_RATE_LIMIT_BURST", DEFAULT_BURST, 0);
        if (perMinute == 0) {
            return new RateLimitConfig(Optional.empty());
        }
        if (burst == 0) {
            throw new IllegalStateException("LUMEN_RATE_LIMIT_BURST must be at least 1 when LUMEN_RATE_LIMIT_PER_MINUTE is set");
        }
        return new RateLimitConfig(Optional.of(new TokenBucket(perMinute, burst)));
    }
}
