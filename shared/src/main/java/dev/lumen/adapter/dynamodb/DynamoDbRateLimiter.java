package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;

import dev.lumen.domain.access.RateLimiter;
import dev.lumen.domain.access.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link RateLimiter} on the single table: one item per caller holding the bucket's tokens, the
 * moment they were counted and a version. A request reads the item, refills it for the time since
 * ({@link TokenBucket}) and writes it back on the condition that the version is unchanged; when
 * another request of the same caller won the race, it reads again and retries. A refused request
 * writes nothing: the stored state already says when the next token comes. Items carry a TTL for
 * the moment their bucket is full again, after which a missing item means the same thing.
 */
public final class DynamoDbRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbRateLimiter.class);
    static final String BUCKET = "BUCKET";
    static final String TOKENS = "tokens";
    static final String COUNTED_AT = "countedAtMicros";
    /** Past this many lost races in one request the caller is clearly hammering its own bucket. */
    static final int ATTEMPTS = 5;

    private final DynamoDbClient client;
    private final String tableName;
    private final TokenBucket bucket;
    private final Clock clock;

    public DynamoDbRateLimiter(DynamoDbClient client, String tableName, TokenBucket bucket, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.bucket = bucket;
        this.clock = clock;
    }

    @Override
    public Decision tryTake(String callerKey) {
        Map<String, AttributeValue> key = key(LumenTable.ratePk(callerKey), BUCKET);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).key(key).consistentRead(true)).item();
            Instant now = clock.instant();
            boolean exists = item != null && !item.isEmpty();
            long version = exists ? AttributeValues.integer(item, LumenTable.VERSION) : 0;
            TokenBucket.State state = exists
                    ? new TokenBucket.State(AttributeValues.decimal(item, TOKENS), micros(AttributeValues.integer(item, COUNTED_AT)))
                    : bucket.full(now);
            TokenBucket.Take take = bucket.take(state, now);
            if (!take.decision().allowed()) {
                return take.decision();
            }
            if (write(key, take.next(), version, exists)) {
                return take.decision();
            }
        }
        LOG.atWarn().setMessage("rate limit bucket contended; request refused").addKeyValue("caller", callerKey)
                .addKeyValue("attempts", ATTEMPTS).log();
        return Decision.refused(Duration.ofSeconds(1));
    }

    /** Writes the bucket if nobody else did since it was read; false when someone did. */
    private boolean write(Map<String, AttributeValue> key, TokenBucket.State next, long version, boolean exists) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(LumenTable.TYPE, s("RATE"));
        item.put(TOKENS, n(next.tokens()));
        item.put(COUNTED_AT, n(toMicros(next.at())));
        item.put(LumenTable.VERSION, n(version + 1));
        double missing = bucket.burst() - next.tokens();
        long fullAfterSeconds = (long) Math.ceil(missing / bucket.perMinute() * 60) + 1;
        item.put(LumenTable.EXPIRES_AT, n(next.at().getEpochSecond() + fullAfterSeconds));
        try {
            client.putItem(r -> {
                r.tableName(tableName).item(item);
                if (exists) {
                    r.conditionExpression("#v = :v")
                            .expressionAttributeNames(Map.of("#v", LumenTable.VERSION))
                            .expressionAttributeValues(Map.of(":v", n(version)));
                } else {
                    r.conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", LumenTable.PK));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException lostRace) {
            return false;
        }
    }

    private static long toMicros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
