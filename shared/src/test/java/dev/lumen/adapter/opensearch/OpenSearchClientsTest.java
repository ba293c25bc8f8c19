package dev.lumen.adapter.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Endpoint checks and request adaptation; no node needed. */
class OpenSearchClientsTest {

    @Test
    void endpointsThatAreNotSchemeHostAndPortAreRefused() {
        // WHEN / THEN
        assertThatThrownBy(() -> OpenSearchClients.create(URI.create("ftp://127.0.0.1:9200"), "us-east-1", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenSearchClients.create(URI.create("http://127.0.0.1:9200/prefix"), "us-east-1", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenSearchClients.create(URI.create("http://127.0.0.1:9200"), " ", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedHttpsRequestGoesOutUnchanged() {
        // GIVEN
        AtomicReference<HttpExecuteRequest> sent = new AtomicReference<>();
        EndpointHttpClient client = new EndpointHttpClient(capturing(sent), false, true);
        HttpExecuteRequest request = HttpExecuteRequest.builder().request(signedRequest()).build();

        // WHEN
        client.prepareRequest(request);

        // THEN
        assertThat(sent.get()).isSameAs(request);
    }

    @Test
    void forAPlainHttpUnsignedNodeTheSchemeBecomesHttpAndTheSignatureIsDropped() {
        // GIVEN
        AtomicReference<HttpExecuteRequest> sent = new AtomicReference<>();
        EndpointHttpClient client = new EndpointHttpClient(capturing(sent), true, false);

        // WHEN
        client.prepareRequest(HttpExecuteRequest.builder().request(signedRequest()).build());

        // THEN host, port, path and the other headers stay
        SdkHttpRequest http = sent.get().httpRequest();
        assertThat(http.getUri()).hasToString("http://127.0.0.1:9200/memories/_search");
        assertThat(http.headers()).containsOnlyKeys("Host", "Content-Type");
    }

    @Test
    void forAPlainHttpSignedNodeTheSignatureStays() {
        // GIVEN
        AtomicReference<HttpExecuteRequest> sent = new AtomicReference<>();
        EndpointHttpClient client = new EndpointHttpClient(capturing(sent), true, true);

        // WHEN
        client.prepareRequest(HttpExecuteRequest.builder().request(signedRequest()).build());

        // THEN
        assertThat(sent.get().httpRequest().protocol()).isEqualTo("http");
        assertThat(sent.get().httpRequest().firstMatchingHeader("authorization")).hasValue("AWS4-HMAC-SHA256 Credential=x");
    }

    private static SdkHttpRequest signedRequest() {
        return SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("https://127.0.0.1:9200/memories/_search"))
                .putHeader("Host", "127.0.0.1:9200")
                .putHeader("Content-Type", "application/json")
                .putHeader("Authorization", "AWS4-HMAC-SHA256 Credential=x")
                .putHeader("X-Amz-Date", "20240501T101530Z")
                .putHeader("x-amz-content-sha256", "abc")
                .putHeader("X-Amz-Security-Token", "token")
                .build();
    }

    private static SdkHttpClient capturing(AtomicReference<HttpExecuteRequest> sent) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                sent.set(request);
                return null;
            }

            @Override
            public void close() {
            }
        };
    }
}
