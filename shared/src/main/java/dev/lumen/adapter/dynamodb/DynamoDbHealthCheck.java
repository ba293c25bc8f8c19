package dev.lumen.adapter.dynamodb;

import dev.lumen.domain.health.HealthCheck;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Checks that the table answers: one GetItem of a key that is never written, so read-only
 * permission suffices and the probe costs half a read unit. Throws (the SDK's exception: missing
 * table, access denied, unreachable endpoint) when it does not.
 */
public final class DynamoDbHealthCheck implements HealthCheck {
    /** A health probe must answer quickly; a hanging dependency is an unhealthy one. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbHealthCheck(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public void check() {
        client.getItem(r -> r
                .tableName(tableName)
                .key(Map.of(LumenTable.PK, AttributeValues.s(LumenTable.HEALTH),
                        LumenTable.SK, AttributeValues.s(LumenTable.HEALTH)))
                .overrideConfiguration(c -> c.apiCallTimeout(TIMEOUT)));
    }
}
