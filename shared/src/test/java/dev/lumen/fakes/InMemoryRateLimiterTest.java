package dev.lumen.fakes;

import dev.lumen.contract.RateLimiterContract;
import dev.lumen.domain.access.RateLimiter;
import dev.lumen.domain.access.TokenBucket;

/** The fake must keep the same contract as the DynamoDB adapter, or handler tests prove nothing. */
class InMemoryRateLimiterTest extends RateLimiterContract {

    @Override
    protected RateLimiter newLimiter(TokenBucket bucket) {
        return new InMemoryRateLimiter(bucket, clock);
    }
}
