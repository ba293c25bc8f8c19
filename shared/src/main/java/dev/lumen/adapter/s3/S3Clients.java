package dev.lumen.adapter.s3;

import dev.lumen.adapter.aws.ClientCredentials;
import dev.lumen.adapter.aws.ClientDefaults;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the {@link S3Client}; call once per process (per Lambda container) and share it. Like the
 * DynamoDB and SQS clients: url-connection HTTP client, explicit region, credentials from the
 * environment in Lambda, and an endpoint override for a local stand-in. Retries use the SDK's
 * {@code STANDARD} mode (3 attempts, exponential back-off with jitter, throttling-aware).
 */
public final class S3Clients {
    /** Per read, not per request: generous enough for a slow multi-megabyte upload or download. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private S3Clients() {
    }

    /**
     * With an endpoint override the client addresses buckets by path ({@code http://host/bucket/key}):
     * a local stand-in has no DNS for {@code bucket.host} names. Towards a local stand-in, checksums
     * are only sent where S3 requires them: by default the SDK uploads as {@code aws-chunked} with a
     * trailing CRC32, and stand-ins that do not decode that framing (LocalS3 1.21) store it as part of
     * the object. Against AWS the SDK's defaults apply.
     *
     * @param region   AWS region, e.g. {@code eu-west-1}; a local stand-in accepts any
     * @param endpoint override for a local stand-in (S3Proxy, LocalStack, MinIO); empty for AWS
     */
    public static S3Client create(String region, Optional<URI> endpoint) {
        var builder = ClientDefaults.configure(S3Client.builder(), region, endpoint, SOCKET_TIMEOUT)
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD));
        endpoint.ifPresent(uri -> {
            builder.forcePathStyle(true);
            if (ClientCredentials.isLocal(uri)) {
                builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
        });
        return builder.build();
    }
}
