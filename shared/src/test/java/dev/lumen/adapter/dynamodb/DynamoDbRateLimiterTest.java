package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.RateLimiterContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.access.RateLimiter;
import dev.lumen.domain.access.TokenBucket;
import dev.lumen.testing.LocalDynamoDb;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbRateLimiterTest extends RateLimiterContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected RateLimiter newLimiter(TokenBucket bucket) {
        return new DynamoDbRateLimiter(LocalDynamoDb.client(), TABLE, bucket, clock);
    }

    @Test
    void theBucketIsOneVersionedItemThatExpiresOnceFullAgain() {
        // GIVEN 60 a minute, burst 10
        String caller = Ids.random();
        RateLimiter limiter = newLimiter(new TokenBucket(60, 10));

        // WHEN two requests
        limiter.tryTake(caller);
        limiter.tryTake(caller);

        // THEN 8 tokens left, version 2, and TTL when the 2 missing tokens are back (2 s, +1 s margin)
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE)
                .key(AttributeValues.key(LumenTable.ratePk(caller), DynamoDbRateLimiter.BUCKET))).item();
        assertThat(Double.parseDouble(item.get(DynamoDbRateLimiter.TOKENS).n())).isEqualTo(8.0);
        assertThat(item.get(LumenTable.VERSION).n()).isEqualTo("2");
        assertThat(Long.parseLong(item.get(LumenTable.EXPIRES_AT).n())).isEqualTo(clock.instant().getEpochSecond() + 3);
    }
}
