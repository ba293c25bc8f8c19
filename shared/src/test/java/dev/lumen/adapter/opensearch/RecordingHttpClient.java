package dev.lumen.adapter.opensearch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Passes requests on to a real HTTP client and keeps each one, body decompressed, for assertions. */
final class RecordingHttpClient implements SdkHttpClient {
    private final SdkHttpClient delegate;
    private final List<Recorded> requests = new ArrayList<>();

    RecordingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** @param body the JSON sent, gunzipped when the transport compressed it; empty without a body */
    record Recorded(SdkHttpRequest request, String body) {
        String method() {
            return request.method().name();
        }

        String path() {
            return request.encodedPath();
        }
    }

    synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        String body = request.contentStreamProvider().map(provider -> read(provider.newStream(),
                request.httpRequest().firstMatchingHeader("Content-Encoding").filter("gzip"::equals).isPresent()))
                .orElse("");
        synchronized (this) {
            requests.add(new Recorded(request.httpRequest(), body));
        }
        return delegate.prepareRequest(request);
    }

    private static String read(InputStream stream, boolean gzipped) {
        try (InputStream in = stream) {
            byte[] bytes = in.readAllBytes();
            if (gzipped) {
                try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = unzipped.readAllBytes();
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
