package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.ConnectionRegistryContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.realtime.Connection;
import dev.lumen.domain.realtime.ConnectionRegistry;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbConnectionRegistryTest extends ConnectionRegistryContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected ConnectionRegistry newRegistry() {
        return new DynamoDbConnectionRegistry(LocalDynamoDb.client(), TABLE);
    }

    @Test
    void bothItemsCarryTheTtlRoundedUpToAWholeSecond() {
        // GIVEN an expiry between two seconds
        Instant at = Instant.ofEpochSecond(Instant.now().getEpochSecond(), 1);
        Connection connection = new Connection("c-" + Ids.random(), "u-" + Ids.random(), at, at.plusSeconds(7_200));

        // WHEN
        newRegistry().register(connection);

        // THEN TTL never removes either item early
        String ttl = Long.toString(at.getEpochSecond() + 7_200 + 1);
        Map<String, AttributeValue> own = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE)
                .key(AttributeValues.key(LumenTable.connectionPk(connection.connectionId()), LumenTable.CONNECTION))).item();
        Map<String, AttributeValue> byUser = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE)
                .key(AttributeValues.key(LumenTable.userConnectionsPk(connection.userId()),
                        LumenTable.userConnectionSk(connection.connectionId())))).item();
        assertThat(own.get(LumenTable.EXPIRES_AT).n()).isEqualTo(ttl);
        assertThat(byUser.get(LumenTable.EXPIRES_AT).n()).isEqualTo(ttl);
    }
}
