package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;

import dev.lumen.domain.stats.Counts;
import dev.lumen.domain.stats.StatsRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * {@link StatsRepository} on the single table: the counters are the sums over the
 * {@link StatsShards} items (one Query of at most {@link LumenTable#STATS_SHARDS} small items), and
 * the typing users are counted in the GSI's {@code TYPING} partition from {@code now} on, so
 * indicators that expired but are not yet deleted by TTL are left out. Neither is a Scan.
 */
public final class DynamoDbStatsRepository implements StatsRepository {
    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbStatsRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public Counts counts(Instant now) {
        Map<String, Long> totals = new HashMap<>();
        QueryRequest shards = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :stats")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK))
                .expressionAttributeValues(Map.of(":stats", s(LumenTable.STATS)))
                .consistentRead(true)
                .build();
        for (Map<String, AttributeValue> shard : client.queryPaginator(shards).items()) {
            for (String counter : StatsShards.COUNTERS) {
                totals.merge(counter, integer(shard, counter, 0), Long::sum);
            }
        }
        return new Counts(totals.getOrDefault(StatsShards.PERSONAS, 0L), totals.getOrDefault(StatsShards.MESSAGES, 0L),
                totals.getOrDefault(StatsShards.MEMORIES, 0L), totals.getOrDefault(StatsShards.EMOTIONAL_STATES, 0L),
                totals.getOrDefault(StatsShards.PATTERNS, 0L), typingUsers(now));
    }

    private long typingUsers(Instant now) {
        QueryRequest live = QueryRequest.builder()
                .tableName(tableName)
                .indexName(LumenTable.GSI1)
                .keyConditionExpression("#gpk = :typing AND #gsk > :now")
                .expressionAttributeNames(Map.of("#gpk", LumenTable.GSI1_PK, "#gsk", LumenTable.GSI1_SK))
                .expressionAttributeValues(Map.of(":typing", s(LumenTable.TYPING),
                        ":now", s(LumenTable.timeKeyBound(now))))
                .select(Select.COUNT)
                .build();
        long count = 0;
        for (var page : client.queryPaginator(live)) {
            count += page.count();
        }
        return count;
    }
}
