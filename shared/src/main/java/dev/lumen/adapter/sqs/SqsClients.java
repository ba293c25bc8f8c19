package dev.lumen.adapter.sqs;

import dev.lumen.adapter.aws.ClientDefaults;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the {@link SqsClient}; call once per process (per Lambda container) and share it. Like
 * the DynamoDB client: url-connection HTTP client, explicit region, credentials from the environment
 * in Lambda, and an endpoint override for a local stand-in (ElasticMQ). Retries use the SDK's
 * {@code STANDARD} mode (3 attempts, exponential back-off with jitter, throttling-aware).
 */
public final class SqsClients {
    /** Above the 20 s maximum of a long-poll ReceiveMessage, so a long poll is never cut short. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(25);

    private SqsClients() {
    }

    /**
     * @param region   AWS region, e.g. {@code eu-west-1}; a local emulator accepts any
     * @param endpoint override for a local stand-in (ElasticMQ, LocalStack); empty for AWS
     */
    public static SqsClient create(String region, Optional<URI> endpoint) {
        return ClientDefaults.configure(SqsClient.builder(), region, endpoint, SOCKET_TIMEOUT)
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD))
                .build();
    }
}
