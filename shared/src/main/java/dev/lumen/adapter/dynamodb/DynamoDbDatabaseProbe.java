package dev.lumen.adapter.dynamodb;

import dev.lumen.domain.health.DatabaseProbe;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@link DatabaseProbe} for the table: one DescribeTable (its status: ACTIVE, UPDATING, …), timed.
 * DescribeTable is a control-plane call that reads no item and costs nothing; a probe that takes
 * longer than two seconds counts as unreachable, as for {@link DynamoDbHealthCheck}.
 */
public final class DynamoDbDatabaseProbe implements DatabaseProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbDatabaseProbe(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public DatabaseHealth probe() {
        long begin = System.nanoTime();
        try {
            String status = client.describeTable(r -> r.tableName(tableName)
                    .overrideConfiguration(c -> c.apiCallTimeout(TIMEOUT))).table().tableStatusAsString();
            return new DatabaseHealth("dynamodb", true, status, millisSince(begin), null);
        } catch (ResourceNotFoundException e) {
            return new DatabaseHealth("dynamodb", false, null, millisSince(begin), "the table does not exist");
        } catch (SdkException e) {
            return new DatabaseHealth("dynamodb", false, null, millisSince(begin), "DynamoDB did not answer");
        }
    }

    private static long millisSince(long begin) {
        return (System.nanoTime() - begin) / 1_000_000;
    }
}
