package dev.lumen.adapter.opensearch;

import dev.lumen.adapter.aws.ClientCredentials;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the {@link OpenSearchClient}; build it once per process (per Lambda container) and share it.
 *
 * <p>One transport for every node: opensearch-java's {@link AwsSdk2Transport} over the SDK's
 * url-connection HTTP client that the Lambda jar already carries, so neither Apache HTTP client
 * comes along. It signs every request with SigV4 (Amazon OpenSearch Service with IAM auth). It only
 * speaks HTTPS, so for a {@code http://} node (a local one) {@link EndpointHttpClient} sends the same
 * requests over plain HTTP.
 */
public final class OpenSearchClients {
    /** Amazon OpenSearch Service's signing name ({@code aoss} would be Serverless, which Lumen does not use). */
    private static final String SIGNING_SERVICE = "es";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Bounds one request; a bulk write waits for a refresh (1 s by default) before it returns. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(15);


    private OpenSearchClients() {
    }

    /**
     * @param endpoint the node or domain, e.g. {@code https://search-lumen-xyz.eu-west-1.es.amazonaws.com}
     *                 or {@code http://127.0.0.1:9200}; a path is not supported
     * @param region   the region requests are signed for (any value for an unsigned node)
     * @param signed   sign with the environment's AWS credentials (a domain with IAM auth); when false
     *                 no signature is sent, for a local node without the security plugin
     */
    public static OpenSearchClient create(URI endpoint, String region, boolean signed) {
        return create(endpoint, region, signed, UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build(), signed ? ClientCredentials.ofEnvironment()
                // The transport signs every request; for an unsigned node these never leave the process.
                : ClientCredentials.LOCAL, isHttps(endpoint));
    }

    /**
     * As {@link #create(URI, String, boolean)}, over the given HTTP client and credentials (tests).
     *
     * @param compress gzip bodies both ways: worth it over a network (bulk writes, hits carrying
     *                 their vectors), pure CPU cost on loopback, where it made searches ~30% slower
     */
    static OpenSearchClient create(URI endpoint, String region, boolean signed, SdkHttpClient httpClient,
                                   AwsCredentialsProvider credentials, boolean compress) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("an OpenSearch endpoint is http(s)://host[:port], got " + endpoint);
        }
        if (endpoint.getPath() != null && !endpoint.getPath().isEmpty() && !endpoint.getPath().equals("/")) {
            throw new IllegalArgumentException("an OpenSearch endpoint has no path, got " + endpoint);
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("an OpenSearch region is required (the one requests are signed for)");
        }
        boolean plainHttp = scheme.equals("http");
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : plainHttp ? 80 : 443;
        var options = AwsSdk2TransportOptions.builder()
                .setCredentials(credentials)
                .setMapper(new JacksonJsonpMapper(objectMapper()))
                .setResponseCompression(compress)
                .setRequestCompressionSize(compress ? AwsSdk2Transport.DEFAULT_REQUEST_COMPRESSION_SIZE : Integer.MAX_VALUE)
                .build();
        return new OpenSearchClient(new AwsSdk2Transport(new EndpointHttpClient(httpClient, plainHttp, signed),
                endpoint.getHost() + ":" + port, SIGNING_SERVICE, Region.of(region), options));
    }

    private static boolean isHttps(URI endpoint) {
        return "https".equalsIgnoreCase(endpoint.getScheme());
    }

    /**
     * Documents are read into Jackson trees; with doubles a stored float could be rounded twice
     * (decimal to double to float) and come back one bit off, so numbers are kept as decimals.
     */
    static ObjectMapper objectMapper() {
        return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
