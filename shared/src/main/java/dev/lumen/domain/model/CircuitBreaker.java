package dev.lumen.domain.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A per-model circuit breaker: after {@code threshold} consecutive failed calls the model is
 * skipped (OPEN) for {@code coolDown}; then one call is let through as a probe (HALF_OPEN). A probe
 * that succeeds closes the breaker, one that fails opens it for another cool-down.
 *
 * <p>Hand-written rather than resilience4j's: resilience4j opens on a failure <em>rate</em> over a
 * sliding window, not on consecutive failures, and brings three jars and ~160 classes to the chat
 * function's cold start for what is this one small state machine. Time comes from a {@link Clock},
 * so tests move it instead of sleeping. Thread-safe: a warm container serves requests one at a
 * time, the interaction worker ten at once.
 */
public final class CircuitBreaker {
    /** The breaker's state, for logs and tests. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration coolDown;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openUntil;
    private boolean probing;

    public CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("the breaker threshold must be at least 1");
        }
        if (coolDown.isNegative()) {
            throw new IllegalArgumentException("the cool-down cannot be negative");
        }
        this.threshold = threshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /**
     * Whether a call may go to the model now. While OPEN: no. Once the cool-down has passed: yes for
     * exactly one caller (the probe) until it reports back.
     */
    public synchronized boolean tryAcquire() {
        if (openUntil == null) {
            return true;
        }
        if (probing || clock.instant().isBefore(openUntil)) {
            return false;
        }
        probing = true;
        return true;
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        openUntil = null;
        probing = false;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        if (probing || consecutiveFailures >= threshold) {
            openUntil = clock.instant().plus(coolDown);
        }
        probing = false;
    }

    /** Gives back a permit that was not used for a call (the caller ran out of time first). */
    public synchronized void release() {
        probing = false;
    }

    public synchronized State state() {
        if (openUntil == null) {
            return State.CLOSED;
        }
        return probing || !clock.instant().isBefore(openUntil) ? State.HALF_OPEN : State.OPEN;
    }
}
