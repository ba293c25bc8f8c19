package dev.lumen.adapter.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the store meets an overloaded or failing cluster, against a loopback stub that answers like
 * OpenSearch (a real node cannot be made to answer 429 or 503 on cue).
 */
class OpenSearchFailuresTest {
    private static final String MAPPING = "{\"memories\":{\"mappings\":{\"_meta\":{\"modelId\":\"m\",\"dimensions\":4},"
            + "\"properties\":{}}}}";
    private static final String SHARDS = "\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0}";
    private static final String COUNT = "{\"count\":3," + SHARDS + "}";
    private static final Reply REJECTED = new Reply(429, error("es_rejected_execution_exception", "rejected execution", 429));
    private static final Reply UNAVAILABLE = new Reply(503, error("cluster_block_exception", "blocked by: [SERVICE_UNAVAILABLE]", 503));

    private HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    private OpenSearchVectorStore store;

    private record Reply(int status, String body) {
    }

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        store = new OpenSearchVectorStore(OpenSearchClients.create(endpoint, "us-east-1", false), "",
                new OpenSearchCalls(3, Duration.ofMillis(2)));
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    @Test
    void throttlingAndUnavailabilityAreRetriedUntilTheCallPasses() {
        // GIVEN the node rejects the count twice, then answers
        script.addAll(List.of(REJECTED, UNAVAILABLE, new Reply(200, COUNT)));

        // WHEN
        long count = store.count("memories", "tenant-a");

        // THEN
        assertThat(count).isEqualTo(3);
        assertThat(requests).filteredOn(r -> r.endsWith("/_count")).hasSize(3);
    }

    @Test
    void aNodeThatKeepsFailingIsUnavailable() {
        // GIVEN
        script.addAll(List.of(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE));

        // WHEN / THEN three attempts, then a domain error the API maps to 503
        assertThatThrownBy(() -> store.count("memories", "tenant-a"))
                .isInstanceOf(UnavailableException.class)
                .satisfies(e -> assertThat(((UnavailableException) e).code()).isEqualTo("vector_store_unavailable"));
        assertThat(requests).filteredOn(r -> r.endsWith("/_count")).hasSize(3);
    }

    @Test
    void aRefusedRequestIsNotRetried() {
        // GIVEN
        script.add(new Reply(400, error("search_phase_execution_exception", "all shards failed", 400)));

        // WHEN / THEN
        assertThatThrownBy(() -> store.search("memories", new VectorQuery("tenant-a", new float[] {1, 0, 0, 0}, 5, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all shards failed");
        assertThat(requests).filteredOn(r -> r.endsWith("/_search")).hasSize(1);
    }

    @Test
    void aBulkWithRejectedItemsIsSentAgain() {
        // GIVEN the first bulk has one of two items rejected
        String partlyRejected = "{\"took\":1,\"errors\":true,\"items\":["
                + "{\"index\":{\"_index\":\"memories\",\"_id\":\"tenant-a:d1\",\"status\":201,\"result\":\"created\"}},"
                + "{\"index\":{\"_index\":\"memories\",\"_id\":\"tenant-a:d2\",\"status\":429,"
                + "\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}}]}";
        String accepted = "{\"took\":1,\"errors\":false,\"items\":["
                + "{\"index\":{\"_index\":\"memories\",\"_id\":\"tenant-a:d1\",\"status\":200,\"result\":\"updated\"}},"
                + "{\"index\":{\"_index\":\"memories\",\"_id\":\"tenant-a:d2\",\"status\":201,\"result\":\"created\"}}]}";
        script.addAll(List.of(new Reply(200, partlyRejected), new Reply(200, accepted)));

        // WHEN
        store.upsert("memories", List.of(document("d1"), document("d2")));

        // THEN
        assertThat(requests).filteredOn(r -> r.contains("/_bulk")).hasSize(2);
    }

    @Test
    void aDocumentTheNodeRefusesIsAnIllegalArgument() {
        // GIVEN
        String refused = "{\"took\":1,\"errors\":true,\"items\":["
                + "{\"index\":{\"_index\":\"memories\",\"_id\":\"tenant-a:d1\",\"status\":400,"
                + "\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"failed to parse field [attributes.a]\"}}}]}";
        script.add(new Reply(200, refused));

        // WHEN / THEN
        assertThatThrownBy(() -> store.upsert("memories", List.of(document("d1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mapper_parsing_exception");
        assertThat(requests).filteredOn(r -> r.contains("/_bulk")).hasSize(1);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Reply reply;
            synchronized (this) {
                requests.add(exchange.getRequestMethod() + " " + path);
                reply = path.endsWith("/_mapping") ? new Reply(200, MAPPING)
                        : script.isEmpty() ? new Reply(500, error("stub_exception", "no scripted reply", 500)) : script.poll();
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static VectorDocument document(String id) {
        return new VectorDocument(id, "tenant-a", "text", new float[] {1, 0, 0, 0}, Map.of(), Instant.EPOCH);
    }

    private static String error(String type, String reason, int status) {
        return "{\"error\":{\"root_cause\":[{\"type\":\"" + type + "\",\"reason\":\"" + reason + "\"}],\"type\":\"" + type
                + "\",\"reason\":\"" + reason + "\"},\"status\":" + status + "}";
    }
}
