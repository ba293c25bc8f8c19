package dev.lumen.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresOnly() {
        // GIVEN two failures, a success, then two more failures
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();

        // THEN still closed: the success reset the count
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();

        // WHEN the third consecutive failure comes
        breaker.onFailure();

        // THEN open: calls are refused
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void afterTheCoolDownLetsExactlyOneProbeThrough() {
        // GIVEN an open breaker whose cool-down has passed
        open();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(1));

        // WHEN two callers ask
        boolean first = breaker.tryAcquire();
        boolean second = breaker.tryAcquire();

        // THEN only the first probes
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void aSuccessfulProbeClosesAndAFailedOneReopensForAnotherCoolDown() {
        open();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();

        // WHEN the probe fails (one failure is enough while half-open)
        breaker.onFailure();

        // THEN open for another 30 s
        assertThat(breaker.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();

        // WHEN this probe succeeds
        breaker.onSuccess();

        // THEN closed, and one failure does not reopen it
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.onFailure();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aReleasedProbePermitLetsTheNextCallerProbe() {
        open();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.tryAcquire()).isTrue();

        breaker.release();

        assertThat(breaker.tryAcquire()).isTrue();
    }

    private void open() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
