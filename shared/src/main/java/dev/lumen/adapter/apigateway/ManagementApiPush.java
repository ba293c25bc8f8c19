package dev.lumen.adapter.apigateway;

import dev.lumen.adapter.aws.ClientCredentials;
import dev.lumen.adapter.aws.ClientDefaults;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.realtime.RealtimePush;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * {@link RealtimePush} through API Gateway's management API: {@code POST {endpoint}/@connections/{id}}
 * with the frame as body, SigV4-signed for {@code execute-api}. 2xx delivered, 410 gone, anything
 * else (or no answer) {@link UnavailableException}. Locally the runner serves the same route.
 *
 * <p>Why not the SDK's {@code apigatewaymanagementapi} client: it is one signed POST, the SDK's own
 * signer and url-connection client (already in the jar for DynamoDB) do it, and that service module
 * is not served at the SDK version the project pins.
 */
public final class ManagementApiPush implements RealtimePush {
    /** A push is answered at once; a hung management API must not hold up the chat. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint {@code https://{api}.execute-api.{region}.amazonaws.com/{stage}} (no trailing slash
     *                 needed), or the local runner's {@code http://127.0.0.1:{port}}
     */
    public ManagementApiPush(URI endpoint, String region) {
        this(endpoint, region, ClientCredentials.forEndpoint(Optional.of(endpoint)), UrlConnectionHttpClient.builder()
                .connectionTimeout(ClientDefaults.CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).build());
    }

    ManagementApiPush(URI endpoint, String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.region = region;
        this.credentials = credentials;
        this.http = http;
    }

    @Override
    public boolean push(String connectionId, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(endpoint + "/@connections/" + URLEncoder.encode(connectionId, StandardCharsets.UTF_8)
                        .replace("+", "%20")))
                .putHeader("content-type", "application/json")
                .putHeader("content-length", Integer.toString(body.length))
                .build();
        int status;
        try {
            SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            status = response.httpResponse().statusCode();
            drain(response);
        } catch (IOException | RuntimeException e) {
            throw new UnavailableException("realtime_unavailable", "the WebSocket management API could not be reached", e);
        }
        if (status == 410) {
            return false;
        }
        if (status / 100 != 2) {
            throw new UnavailableException("realtime_unavailable",
                    "the WebSocket management API answered " + status, null);
        }
        return true;
    }

    private static void drain(HttpExecuteResponse response) throws IOException {
        Optional<? extends InputStream> body = response.responseBody();
        if (body.isPresent()) {
            try (InputStream in = body.get()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }
}
