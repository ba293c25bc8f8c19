package dev.lumen.adapter.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lumen.contract.DocumentContentStoreContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.error.DomainException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.knowledge.DocumentContentStore;
import dev.lumen.testing.LocalS3;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 adapter against a real S3 API (LocalS3, in process), plus what only S3 has. */
class S3DocumentContentStoreTest extends DocumentContentStoreContract {
    private static final String BUCKET = LocalS3.newBucket();

    @Override
    protected DocumentContentStore newStore() {
        return new S3DocumentContentStore(LocalS3.client(), BUCKET);
    }

    @Test
    void a_revision_is_stored_under_creator_document_revision() {
        // GIVEN
        String bucket = LocalS3.newBucket();
        var store = new S3DocumentContentStore(LocalS3.client(), bucket);

        // WHEN
        store.put("creator-1", "doc-1", 7, "hello".getBytes(StandardCharsets.UTF_8));

        // THEN
        List<String> keys = LocalS3.client().listObjectsV2(request -> request.bucket(bucket)).contents().stream()
                .map(S3Object::key).toList();
        assertThat(keys).containsExactly("creator-1/doc-1/7");
    }

    @Test
    void delete_pages_through_more_than_one_thousand_objects() {
        // GIVEN more objects under the document's prefix than one listing page or one DeleteObjects holds
        String bucket = LocalS3.newBucket();
        S3Client s3 = LocalS3.client();
        IntStream.rangeClosed(1, 1001).parallel().forEach(revision -> s3.putObject(
                request -> request.bucket(bucket).key("creator-1/doc-1/" + revision), RequestBody.fromString("x")));
        s3.putObject(request -> request.bucket(bucket).key("creator-1/doc-2/1"), RequestBody.fromString("kept"));

        // WHEN
        new S3DocumentContentStore(s3, bucket).delete("creator-1", "doc-1");

        // THEN
        List<String> left = s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
                .map(S3Object::key).toList();
        assertThat(left).containsExactly("creator-1/doc-2/1");
    }

    @Test
    void a_missing_bucket_is_reported_as_unavailable_naming_the_bucket() {
        // GIVEN a configuration that names a bucket nobody created
        String missing = "lumen-missing-" + Ids.random();
        var store = new S3DocumentContentStore(LocalS3.client(), missing);
        byte[] content = {1, 2, 3};

        // WHEN / THEN every operation says so, instead of passing for "no content"
        for (Executable call : List.<Executable>of(
                () -> store.put("creator-1", "doc-1", 1, content),
                () -> store.get("creator-1", "doc-1", 1),
                () -> store.delete("creator-1", "doc-1"))) {
            assertThatThrownBy(call::execute)
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("bucket '" + missing + "' does not exist")
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("content_store_unavailable");
        }
    }

    @Test
    void requests_go_path_style_to_the_endpoint_and_failures_are_retried_then_unavailable() throws IOException {
        // GIVEN an endpoint that records each request and answers 503 (S3's "slow down")
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Host")
                    + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (S3Client s3 = S3Clients.create(LocalS3.REGION, Optional.of(endpoint))) {
            var store = new S3DocumentContentStore(s3, "content-bucket");

            // WHEN
            assertThatThrownBy(() -> store.put("creator-1", "doc-1", 2, new byte[] {42}))
                    // THEN
                    .isInstanceOf(UnavailableException.class)
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("content_store_unavailable");
        } finally {
            server.stop(0);
        }
        // the bucket is in the path, not in the host name; the SDK's standard mode tries 3 times
        String expected = "PUT 127.0.0.1:" + server.getAddress().getPort() + "/content-bucket/creator-1/doc-1/2";
        assertThat(requests).containsExactly(expected, expected, expected);
    }

    @Test
    void ids_that_are_not_safe_key_segments_are_rejected() {
        // GIVEN
        var store = new S3DocumentContentStore(LocalS3.client(), BUCKET);

        // WHEN / THEN a '/' would let "a/b" reach into creator a's documents
        assertThatThrownBy(() -> store.put("a/b", "doc-1", 1, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("creator-1", "..", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("creator-1", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("creator-1", "doc-1", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
