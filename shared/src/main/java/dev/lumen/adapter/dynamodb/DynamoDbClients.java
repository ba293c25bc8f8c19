package dev.lumen.adapter.dynamodb;

import dev.lumen.adapter.aws.ClientDefaults;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the {@link DynamoDbClient}; call once per process (per Lambda container) and share it.
 * Everything the SDK would otherwise discover at start is given explicitly, which keeps cold
 * starts short: the url-connection HTTP client, the region and, in Lambda, credentials from the
 * environment.
 */
public final class DynamoDbClients {
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private DynamoDbClients() {
    }

    /**
     * @param region   AWS region, e.g. {@code eu-west-1}; a local emulator accepts any
     * @param endpoint override for a local stand-in (DynamoDB Local, LocalStack); empty for AWS
     */
    public static DynamoDbClient create(String region, Optional<URI> endpoint) {
        return ClientDefaults.configure(DynamoDbClient.builder(), region, endpoint, SOCKET_TIMEOUT).build();
    }
}
