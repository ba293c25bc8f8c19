package dev.lumen.local.dynamodb;

import dev.lumen.adapter.dynamodb.DynamoDbLocalServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.TableSpec;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** DynamoDB Local in-process: bound to loopback, the template's table, data kept across restarts. */
class DynamoDbLocalServerTest {

    private static final TableSpec TABLE = SamTemplate.parse("""
            Resources:
              Things:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - { AttributeName: pk, AttributeType: S }
                    - { AttributeName: g1, AttributeType: S }
                  KeySchema: [{ AttributeName: pk, KeyType: HASH }]
                  GlobalSecondaryIndexes:
                    - IndexName: byG1
                      KeySchema: [{ AttributeName: g1, KeyType: HASH }]
                      Projection: { ProjectionType: KEYS_ONLY }
                  TimeToLiveSpecification: { AttributeName: expiresAt, Enabled: true }
            """, "inline").tables().get(0);

    @TempDir
    Path dataDir;

    @Test
    void the_table_is_created_once_and_its_items_survive_a_restart() {
        // GIVEN
        int port = freePort();
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(port, dataDir);
             DynamoDbClient client = client(server)) {
            assertThat(new TableProvisioner(client).ensure(TABLE, "things")).isTrue();
            client.putItem(put -> put.tableName("things").item(Map.of("pk", AttributeValue.fromS("kept"))));
        }

        // WHEN
        try (DynamoDbLocalServer restarted = DynamoDbLocalServer.start(port, dataDir);
             DynamoDbClient client = client(restarted)) {
            boolean createdAgain = new TableProvisioner(client).ensure(TABLE, "things");

            // THEN
            assertThat(createdAgain).isFalse();
            assertThat(client.getItem(get -> get.tableName("things").key(Map.of("pk", AttributeValue.fromS("kept"))))
                    .hasItem()).isTrue();
            TableDescription table = client.describeTable(describe -> describe.tableName("things")).table();
            assertThat(table.globalSecondaryIndexes()).extracting(index -> index.indexName()).containsExactly("byG1");
            assertThat(client.describeTimeToLive(ttl -> ttl.tableName("things")).timeToLiveDescription())
                    .satisfies(ttl -> {
                        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
                    });
        }
    }

    @Test
    void it_listens_on_loopback_only() throws IOException {
        // GIVEN
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(networkInterface -> Collections.list(networkInterface.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        int port = freePort();

        // WHEN
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(port, null)) {

            // THEN
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                assertThat(loopback.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> {
                try (Socket outside = new Socket()) {
                    outside.connect(new InetSocketAddress(external.get(), port), 2000);
                }
            }).isInstanceOf(IOException.class);
        }
    }

    private static DynamoDbClient client(DynamoDbLocalServer server) {
        return DynamoDbClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
