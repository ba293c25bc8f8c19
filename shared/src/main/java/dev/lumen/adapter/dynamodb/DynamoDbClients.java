package dev.lumen.adapter.dynamodb;

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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the {@link DynamoDbClient}; call once per process (per Lambda container) and share it.
 * Everything the SDK would otherwise discover at start is given explicitly, which keeps cold
 * starts short: the url-connection HTTP client, the region and, in Lambda, credentials from the
 * environment.
 */
public final class DynamoDbClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private DynamoDbClients() {
    }

    /**
     * @param region   AWS region, e.g. {@code eu-west-1}; a local emulator accepts any
     * @param endpoint override for a local stand-in (DynamoDB Local, LocalStack); empty for AWS
     */
    public static DynamoDbClient create(String region, Optional<URI> endpoint) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .credentialsProvider(credentials(endpoint));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Optional<URI> endpoint) {
        if (endpoint.isPresent() && isLocal(endpoint.get())) {
            // Emulators check that requests are signed, not by whom: no real keys needed or wanted.
            // DynamoDB Local 2.x rejects key ids with anything but letters and digits.
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
            return isIpLiteral(host) && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }
}
