package dev.lumen.adapter.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What every Lumen AWS client is built with, so a cold start discovers nothing: the url-connection
 * HTTP client (no Apache/Netty) with explicit timeouts, an explicit region, credentials chosen by
 * {@link ClientCredentials} and, for local stand-ins, an endpoint override. Retries stay each
 * service's own choice (DynamoDB keeps the SDK's DynamoDB defaults).
 */
public final class ClientDefaults {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private ClientDefaults() {
    }

    /**
     * @param socketTimeout per read: above the longest answer the service may legitimately take
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, String region, Optional<URI> endpoint, Duration socketTimeout) {
        builder.region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(socketTimeout))
                .credentialsProvider(ClientCredentials.forEndpoint(endpoint));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }
}
