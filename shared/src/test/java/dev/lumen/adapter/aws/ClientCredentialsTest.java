package dev.lumen.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {

    @Test
    void onlyPlainHttpOrLoopbackEndpointsAreTreatedAsLocal() {
        assertThat(ClientCredentials.isLocal(URI.create("http://127.0.0.1:8000"))).isTrue();
        assertThat(ClientCredentials.isLocal(URI.create("http://dynamodb-local:8000"))).isTrue();
        assertThat(ClientCredentials.isLocal(URI.create("https://localhost:4566"))).isTrue();
        assertThat(ClientCredentials.isLocal(URI.create("https://[::1]:4566"))).isTrue();
        assertThat(ClientCredentials.isLocal(URI.create("https://dynamodb.eu-west-1.amazonaws.com"))).isFalse();
        assertThat(ClientCredentials.isLocal(URI.create("https://10.0.0.12"))).isFalse();
    }
}
