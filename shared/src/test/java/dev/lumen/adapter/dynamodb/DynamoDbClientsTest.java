package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DynamoDbClientsTest {

    @Test
    void onlyPlainHttpOrLoopbackEndpointsAreTreatedAsLocal() {
        assertThat(DynamoDbClients.isLocal(URI.create("http://127.0.0.1:8000"))).isTrue();
        assertThat(DynamoDbClients.isLocal(URI.create("http://dynamodb-local:8000"))).isTrue();
        assertThat(DynamoDbClients.isLocal(URI.create("https://localhost:4566"))).isTrue();
        assertThat(DynamoDbClients.isLocal(URI.create("https://[::1]:4566"))).isTrue();
        assertThat(DynamoDbClients.isLocal(URI.create("https://dynamodb.eu-west-1.amazonaws.com"))).isFalse();
        assertThat(DynamoDbClients.isLocal(URI.create("https://10.0.0.12"))).isFalse();
    }
}
