package dev.lumen.adapter.bedrock;

import dev.lumen.adapter.aws.ClientCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Builds the Bedrock Runtime client. Build it once per container (it holds the HTTP client and
 * the retry token bucket) and share it between invocations.
 */
public final class BedrockClients {

    /**
     * Budget for one model call, retries included. API Gateway gives up on an integration after
     * 30 s, so a call that could outlast it would only waste tokens on an answer nobody receives.
     */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(25);

    /** One call plus three retries; more would not fit the call budget anyway. */
    static final int MAX_ATTEMPTS = 4;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private BedrockClients() {
    }

    /** A client for {@code region} with the default call budget; see {@link #create(String, Optional, Duration)}. */
    public static BedrockRuntimeClient create(String region, Optional<URI> endpoint) {
        return create(region, endpoint, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * A client with the url-connection HTTP client (fast cold start, no Apache/Netty), an explicit
     * region and a standard retry strategy: throttling (429) and 5xx are retried with exponential
     * backoff and full jitter, up to {@value #MAX_ATTEMPTS} attempts, all within {@code callTimeout}.
     *
     * @param endpoint overrides the service endpoint (a local stand-in); when it points at a
     *                 local stand-in (see {@link ClientCredentials#isLocal}) the client signs with fixed
     *                 dummy credentials, so tests and
     *                 the local stack need no AWS account
     */
    public static BedrockRuntimeClient create(String region, Optional<URI> endpoint, Duration callTimeout) {
        // No separate attempt timeout: a long generation is normal, and a retry after a slow
        // attempt would not fit the budget anyway.
        return build(region, endpoint, callTimeout, retryStrategy());
    }

    /**
     * A client that makes exactly one attempt per call, each bounded by {@code attemptTimeout}, for
     * models behind {@link dev.lumen.domain.model.FallbackChatModel}: the chain is the one place
     * chat calls are retried, across models and within one time budget, so SDK retries under it
     * would multiply the attempts (4 SDK attempts × 2 chain attempts × 2 models = 16) and the time.
     */
    public static BedrockRuntimeClient createWithoutRetries(String region, Optional<URI> endpoint,
                                                            Duration attemptTimeout) {
        return build(region, endpoint, attemptTimeout, AwsRetryStrategy.doNotRetry());
    }

    /** A read may take as long as the model generates: {@code timeout} bounds the socket and the call. */
    private static BedrockRuntimeClient build(String region, Optional<URI> endpoint, Duration timeout,
                                              RetryStrategy retries) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("a Bedrock region is required");
        }
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(timeout)
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(retries).apiCallTimeout(timeout));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.credentialsProvider(ClientCredentials.forEndpoint(endpoint)).build();
    }

    static RetryStrategy retryStrategy() {
        // The AWS standard strategy already knows which errors are transient (429 / throttling
        // codes, 500/502/503/504, I/O errors); we only bound the attempts and the backoff.
        // Its token bucket stops retrying when most calls fail, so a Bedrock outage is not
        // multiplied by retries from every warm container.
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(4)))
                .build();
    }
}
