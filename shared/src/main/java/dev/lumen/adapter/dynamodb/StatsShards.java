package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The statistics counters: {@link LumenTable#STATS_SHARDS} items under {@code pk STATS}, each
 * holding a part of every counter. A write that changes a count adds to one random shard inside
 * its own transaction, so counts never drift from the data; with one hot item instead, every
 * concurrent chat turn would conflict with every other.
 */
final class StatsShards {
    static final String PERSONAS = "personas";
    static final String MESSAGES = "messages";
    static final String MEMORIES = "memories";
    static final String EMOTIONAL_STATES = "emotionalStates";
    static final String PATTERNS = "patterns";
    static final List<String> COUNTERS = List.of(PERSONAS, MESSAGES, MEMORIES, EMOTIONAL_STATES, PATTERNS);

    private StatsShards() {
    }

    /** The counters to add to, in the order given; build with {@link #of} and {@link Increments#plus}. */
    static final class Increments {
        private final Map<String, Long> byCounter = new LinkedHashMap<>();

        Increments plus(String counter, long amount) {
            if (!COUNTERS.contains(counter)) {
                throw new IllegalArgumentException("unknown stats counter: " + counter);
            }
            byCounter.merge(counter, amount, Long::sum);
            return this;
        }

        boolean isEmpty() {
            return byCounter.isEmpty();
        }
    }

    static Increments of(String counter, long amount) {
        return new Increments().plus(counter, amount);
    }

    /** A transaction item that adds the increments to a random shard. */
    static TransactWriteItem bump(String tableName, Increments increments) {
        Map<String, String> names = new HashMap<>(Map.of("#type", LumenTable.TYPE));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":type", s("STATS")));
        StringJoiner add = new StringJoiner(", ", " ADD ", "");
        int i = 0;
        for (Map.Entry<String, Long> counter : increments.byCounter.entrySet()) {
            names.put("#c" + i, counter.getKey());
            values.put(":c" + i, n(counter.getValue()));
            add.add("#c" + i + " :c" + i);
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("nothing to count");
        }
        int shard = ThreadLocalRandom.current().nextInt(LumenTable.STATS_SHARDS);
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(key(LumenTable.STATS, LumenTable.statsShardSk(shard)))
                .updateExpression("SET #type = :type" + add)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build()).build();
    }
}
