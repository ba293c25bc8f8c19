package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.testing.LocalDynamoDb;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class DynamoDbHealthCheckTest {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Test
    void passesWhenTheTableAnswers() {
        DynamoDbHealthCheck check = new DynamoDbHealthCheck(LocalDynamoDb.client(), TABLE);

        assertThat(check.name()).isEqualTo("dynamodb");
        assertThatCode(check::check).doesNotThrowAnyException();
    }

    @Test
    void failsWhenTheTableDoesNotExist() {
        DynamoDbHealthCheck check = new DynamoDbHealthCheck(LocalDynamoDb.client(), "no-such-table");

        assertThatThrownBy(check::check).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void failsWhenNothingListensAtTheEndpoint() throws IOException {
        // GIVEN a port that was free a moment ago
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (DynamoDbClient unreachable = DynamoDbClients.create("us-east-1",
                Optional.of(URI.create("http://127.0.0.1:" + port)))) {
            DynamoDbHealthCheck check = new DynamoDbHealthCheck(unreachable, TABLE);

            // WHEN / THEN
            assertThatThrownBy(check::check).isInstanceOf(SdkClientException.class);
        }
    }
}
