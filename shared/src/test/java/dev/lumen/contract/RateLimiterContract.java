package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.access.RateLimiter;
import dev.lumen.domain.access.TokenBucket;
import dev.lumen.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimiter} must do: a bucket of {@code burst} tokens per caller, refilled at
 * {@code perMinute}, refusals saying when to retry, and no token handed out twice under concurrency.
 * Cases use fresh random callers, so a subclass may share one store between them.
 */
public abstract class RateLimiterContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));

    /** A limiter of {@code bucket} reading {@link #clock}. */
    protected abstract RateLimiter newLimiter(TokenBucket bucket);

    @Test
    void aCallerMaySpendTheBurstThenIsRefusedWithAWait() {
        // GIVEN 60 a minute (one a second), burst 3
        RateLimiter limiter = newLimiter(new TokenBucket(60, 3));
        String caller = Ids.random();

        // WHEN / THEN
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryTake(caller).allowed()).as("request %d", i + 1).isTrue();
        }
        RateLimiter.Decision refused = limiter.tryTake(caller);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void tokensComeBackWithTimeButNeverBeyondTheBurst() {
        RateLimiter limiter = newLimiter(new TokenBucket(60, 2));
        String caller = Ids.random();
        limiter.tryTake(caller);
        limiter.tryTake(caller);
        assertThat(limiter.tryTake(caller).allowed()).isFalse();

        // WHEN one second passes: one token back
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryTake(caller).allowed()).isTrue();
        assertThat(limiter.tryTake(caller).allowed()).isFalse();

        // WHEN an hour passes: only the burst, not 3600 tokens
        clock.advance(Duration.ofHours(1));
        assertThat(limiter.tryTake(caller).allowed()).isTrue();
        assertThat(limiter.tryTake(caller).allowed()).isTrue();
        assertThat(limiter.tryTake(caller).allowed()).isFalse();
    }

    @Test
    void eachCallerHasTheirOwnBucket() {
        RateLimiter limiter = newLimiter(new TokenBucket(60, 1));
        String ann = Ids.random();
        String bob = Ids.random();
        assertThat(limiter.tryTake(ann).allowed()).isTrue();
        assertThat(limiter.tryTake(ann).allowed()).isFalse();
        assertThat(limiter.tryTake(bob).allowed()).isTrue();
    }

    @Test
    void concurrentRequestsNeverGetMoreThanTheBurst() throws Exception {
        // GIVEN a burst of 5 and 12 requests racing for it (time frozen: no refill)
        RateLimiter limiter = newLimiter(new TokenBucket(1, 5));
        String caller = Ids.random();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                racers.add(() -> limiter.tryTake(caller).allowed());
            }
            long allowed = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) {
                allowed += result.get() ? 1 : 0;
            }
            // THEN never more than the burst; lost races may refuse a little more, never less safe
            assertThat(allowed).isBetween(1L, 5L);
            assertThat(limiter.tryTake(caller).allowed()).as("a frozen clock gives nothing back").isEqualTo(allowed < 5);
        } finally {
            pool.shutdownNow();
        }
    }
}
