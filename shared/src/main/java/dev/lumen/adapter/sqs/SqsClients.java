package dev.lumen.adapter.sqs;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the {@link SqsClient}; call once per process (per Lambda container) and share it. Like
 * the DynamoDB client: url-connection HTTP client, explicit region, credentials from the environment
 * in Lambda, and an endpoint override for a local stand-in (ElasticMQ). Retries use the SDK's
 * {@code STANDARD} mode (3 attempts, exponential back-off with jitter, throttling-aware).
 */
public final class SqsClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Above the 20 s maximum of a long-poll ReceiveMessage, so a long poll is never cut short. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(25);

    private SqsClients() {
    }

    /**
     * @param region   AWS region, e.g. {@code eu-west-1}; a local emulator accepts any
     * @param endpoint override for a local stand-in (ElasticMQ, LocalStack); empty for AWS
     */
    public static SqsClient create(String region, Optional<URI> endpoint) {
        var builder = SqsClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD))
                .credentialsProvider(credentials(endpoint));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Optional<URI> endpoint) {
        if (endpoint.isPresent() && isLocal(endpoint.get())) {
            // Emulators check that requests are signed, not by whom: no real keys needed or wanted.
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("lumenlocal", "lumenlocal"));
        }
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
            // Lambda puts the role's credentials in the environment; skip the rest of the default chain.
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Plain HTTP or a loopback host can only be a local stand-in: AWS endpoints are HTTPS. */
    static boolean isLocal(URI endpoint) {
        if ("http".equalsIgnoreCase(endpoint.getScheme())) {
            return true;
        }
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses are checked, so this never does a DNS lookup.
            boolean literal = host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
            return literal && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
