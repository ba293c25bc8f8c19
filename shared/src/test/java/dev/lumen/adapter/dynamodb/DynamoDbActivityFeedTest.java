package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.ActivityFeedContract;
import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbActivityFeedTest extends ActivityFeedContract {
    private String table;

    @Override
    protected ActivityFeed newFeed() {
        table = LocalDynamoDb.newTable();
        return new DynamoDbActivityFeed(LocalDynamoDb.client(), table);
    }

    @Test
    void anEntryLivesInItsHourPartitionAndExpiresAfterTheRetention() {
        // GIVEN
        ActivityFeed feed = newFeed();
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusMillis(45 * 60_000 + 12_500);

        // WHEN
        feed.record(turn("turn-1", at, "m", 5, false));

        // THEN
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(AttributeValues.key("ACTIVITY#" + at.toString().substring(0, 13), LumenTable.activitySk(at, "turn-1")))).item();
        assertThat(item).isNotEmpty();
        assertThat(Long.parseLong(item.get(LumenTable.EXPIRES_AT).n()))
                .isEqualTo(at.plus(Duration.ofDays(3)).getEpochSecond());
    }
}
