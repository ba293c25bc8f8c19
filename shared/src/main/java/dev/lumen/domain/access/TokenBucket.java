package dev.lumen.domain.access;

import java.time.Duration;
import java.time.Instant;

/**
 * The token-bucket arithmetic every {@link RateLimiter} adapter shares, so the in-memory fake and
 * the DynamoDB adapter refill and refuse identically: a bucket of {@code burst} tokens refilled at
 * {@code perMinute} tokens a minute, continuously (fractions kept).
 *
 * @param perMinute tokens returned per minute; more than zero
 * @param burst     the most tokens a bucket holds, i.e. the largest burst of requests; at least one
 */
public record TokenBucket(int perMinute, int burst) {

    public TokenBucket {
        if (perMinute <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a token bucket needs a rate and a burst above zero");
        }
    }

    /** A bucket's stored state: tokens at a moment. */
    public record State(double tokens, Instant at) {
    }

    /** The result of taking from a bucket: the new state, and whether a token was taken. */
    public record Take(State next, RateLimiter.Decision decision) {
    }

    /** A full bucket: what a caller never seen before starts with. */
    public State full(Instant now) {
        return new State(burst, now);
    }

    /** Refills {@code state} for the time since it was written, then takes one token if there is one. */
    public Take take(State state, Instant now) {
        double elapsedMinutes = Math.max(0, Duration.between(state.at(), now).toNanos()) / 60e9;
        double tokens = Math.min(burst, state.tokens() + elapsedMinutes * perMinute);
        if (tokens >= 1.0) {
            return new Take(new State(tokens - 1.0, now), RateLimiter.Decision.ALLOWED);
        }
        long waitNanos = (long) Math.ceil((1.0 - tokens) / perMinute * 60e9);
        return new Take(new State(tokens, now), RateLimiter.Decision.refused(Duration.ofNanos(waitNanos)));
    }
}
