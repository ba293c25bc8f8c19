package dev.lumen.adapter.opensearch;

import java.util.List;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Adapts the signed requests of {@link org.opensearch.client.transport.aws.AwsSdk2Transport} to the
 * node they go to. That transport always builds {@code https://} URLs and always signs; a local
 * node speaks plain HTTP and has no use for a signature. Host and port are kept as they are, and
 * the signature does not cover the scheme, so a signed request stays valid over plain HTTP too.
 */
final class EndpointHttpClient implements SdkHttpClient {
    /** What SigV4 adds to a request. */
    private static final List<String> SIGNATURE_HEADERS =
            List.of("Authorization", "X-Amz-Date", "X-Amz-Content-SHA256", "X-Amz-Security-Token");

    private final SdkHttpClient delegate;
    private final boolean plainHttp;
    private final boolean signed;

    EndpointHttpClient(SdkHttpClient delegate, boolean plainHttp, boolean signed) {
        this.delegate = delegate;
        this.plainHttp = plainHttp;
        this.signed = signed;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!plainHttp && signed) {
            return delegate.prepareRequest(request);
        }
        return delegate.prepareRequest(adapt(request));
    }

    HttpExecuteRequest adapt(HttpExecuteRequest request) {
        SdkHttpRequest.Builder http = request.httpRequest().toBuilder();
        if (plainHttp) {
            http.protocol("http");
        }
        if (!signed) {
            http.headers().keySet().stream()
                    .filter(name -> SIGNATURE_HEADERS.stream().anyMatch(name::equalsIgnoreCase))
                    .toList()
                    .forEach(http::removeHeader);
        }
        HttpExecuteRequest.Builder adapted = HttpExecuteRequest.builder().request(http.build());
        request.contentStreamProvider().ifPresent(adapted::contentStreamProvider);
        request.metricCollector().ifPresent(adapted::metricCollector);
        return adapted.build();
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
