package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.health.DatabaseProbe.DatabaseHealth;
import dev.lumen.testing.LocalDynamoDb;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbDatabaseProbeTest {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Test
    void aTableThatAnswersIsActiveWithItsLatency() {
        DatabaseHealth health = new DynamoDbDatabaseProbe(LocalDynamoDb.client(), TABLE).probe();

        assertThat(health.database()).isEqualTo("dynamodb");
        assertThat(health.reachable()).isTrue();
        assertThat(health.tableStatus()).isEqualTo("ACTIVE");
        assertThat(health.healthy()).isTrue();
        assertThat(health.latencyMs()).isBetween(0L, 2_000L);
        assertThat(health.problem()).isNull();
    }

    @Test
    void aMissingTableIsUnreachableAndSaysSo() {
        DatabaseHealth health = new DynamoDbDatabaseProbe(LocalDynamoDb.client(), "no-such-table").probe();

        assertThat(health.reachable()).isFalse();
        assertThat(health.healthy()).isFalse();
        assertThat(health.problem()).isEqualTo("the table does not exist");
    }

    @Test
    void nothingListeningIsUnreachableWithoutThrowing() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (DynamoDbClient unreachable = DynamoDbClients.create("us-east-1", Optional.of(URI.create("http://127.0.0.1:" + port)))) {
            DatabaseHealth health = new DynamoDbDatabaseProbe(unreachable, TABLE).probe();

            assertThat(health.reachable()).isFalse();
            assertThat(health.tableStatus()).isNull();
            assertThat(health.problem()).isEqualTo("DynamoDB did not answer");
        }
    }
}
