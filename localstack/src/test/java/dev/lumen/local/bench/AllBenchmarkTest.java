package dev.lumen.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** bench-all waits on queues by progress, not by a fixed time: a slow machine must not read as lost turns. */
class AllBenchmarkTest {

    @Test
    void aQueueThatKeepsShrinkingIsWaitedForPastTheStallTime() {
        // GIVEN a queue that loses one message per poll, for longer in all than the stall bound
        AtomicLong depth = new AtomicLong(30);

        // WHEN waited on with a 50 ms stall bound and 5 ms polls (30 polls ≈ 150 ms)
        long t0 = System.nanoTime();
        boolean drained = AllBenchmark.awaitProgress(depth::decrementAndGet, Duration.ofMillis(50), Duration.ofSeconds(10),
                Duration.ofMillis(5));

        // THEN it drained, though that took longer than the stall bound
        assertThat(drained).isTrue();
        assertThat(depth.get()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(50));
    }

    @Test
    void aQueueThatStopsShrinkingIsGivenUpOnAfterTheStallTime() {
        // GIVEN a queue stuck at 3 messages
        long t0 = System.nanoTime();

        // WHEN / THEN the wait gives up, after the stall bound and well before the overall bound
        assertThat(AllBenchmark.awaitProgress(() -> 3, Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMillis(5)))
                .isFalse();
        Duration waited = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(100)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theOverallBoundHoldsEvenWhileTheQueueKeepsShrinking() {
        // GIVEN a queue that shrinks forever (never reaching 0 in time)
        AtomicLong depth = new AtomicLong(Long.MAX_VALUE);

        // WHEN / THEN the overall bound ends the wait
        long t0 = System.nanoTime();
        assertThat(AllBenchmark.awaitProgress(depth::decrementAndGet, Duration.ofSeconds(30), Duration.ofMillis(150),
                Duration.ofMillis(5))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }
}
