package dev.lumen.fakes;

import dev.lumen.domain.access.RateLimiter;
import dev.lumen.domain.access.TokenBucket;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link RateLimiter} in a map: the same bucket arithmetic as the DynamoDB adapter, one JVM only. */
public final class InMemoryRateLimiter implements RateLimiter {
    private final TokenBucket bucket;
    private final Clock clock;
    private final ConcurrentMap<String, TokenBucket.State> states = new ConcurrentHashMap<>();

    public InMemoryRateLimiter(TokenBucket bucket, Clock clock) {
        this.bucket = bucket;
        this.clock = clock;
    }

    @Override
    public Decision tryTake(String key) {
        Decision[] decision = new Decision[1];
        states.compute(key, (k, state) -> {
            TokenBucket.Take take = bucket.take(state == null ? bucket.full(clock.instant()) : state, clock.instant());
            decision[0] = take.decision();
            // A refusal changes nothing, as in the DynamoDB adapter.
            return take.decision().allowed() ? take.next() : state;
        });
        return decision[0];
    }
}
