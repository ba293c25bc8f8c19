package dev.lumen.adapter.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.contract.VectorStoreContract;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.vector.IndexMismatchException;
import dev.lumen.domain.vector.TextQuery;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import dev.lumen.testing.LocalOpenSearch;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The {@link VectorStoreContract} and the OpenSearch specifics, against a real OpenSearch 2.19 +
 * k-NN node ({@link LocalOpenSearch}: started once per test JVM, or {@code LUMEN_OPENSEARCH_URL}).
 */
class OpenSearchVectorStoreTest extends VectorStoreContract {
    private static final URI ENDPOINT = LocalOpenSearch.endpoint();
    private static final String REGION = "us-east-1";
    private static final OpenSearchClient CLIENT = OpenSearchClients.create(ENDPOINT, REGION, false);
    private static final OpenSearchVectorStore STORE = new OpenSearchVectorStore(CLIENT, "");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Indexes an adapter-specific case created itself (with a prefix or another dimension). */
    private final List<String> ownIndexes = new ArrayList<>();

    @Override
    protected VectorStore newStore() {
        return STORE;
    }

    @Override
    protected void cleanUp(VectorStore store, Set<String> indexNames) throws IOException {
        deleteIndexes(List.copyOf(indexNames));
    }

    @AfterEach
    void deleteOwnIndexes() throws IOException {
        deleteIndexes(ownIndexes);
    }

    // ---- the index as OpenSearch sees it --------------------------------------------------------

    @Test
    void theVectorFieldUsesHnswOnTheLuceneEngineWithCosineAndTheOtherFieldsAreKeywords() throws Exception {
        // GIVEN
        VectorIndex index = newIndex();

        // WHEN the mapping and settings are read back from the node
        JsonNode mapping = getJson("/" + index.name() + "/_mapping").path(index.name()).path("mappings");
        JsonNode settings = getJson("/" + index.name() + "/_settings").path(index.name()).path("settings").path("index");

        // THEN no native engine (faiss, nmslib) is ever asked for, and filters match exactly
        JsonNode vector = mapping.path("properties").path("vector");
        assertThat(vector.path("type").asText()).isEqualTo("knn_vector");
        assertThat(vector.path("dimension").asInt()).isEqualTo(DIMENSIONS);
        assertThat(vector.path("method").path("name").asText()).isEqualTo("hnsw");
        assertThat(vector.path("method").path("engine").asText()).isEqualTo("lucene");
        assertThat(vector.path("method").path("space_type").asText()).isEqualTo("cosinesimil");
        assertThat(mapping.path("properties").path("tenant").path("type").asText()).isEqualTo("keyword");
        assertThat(mapping.path("properties").path("id").path("type").asText()).isEqualTo("keyword");
        assertThat(mapping.path("properties").path("createdAt").path("type").asText()).isEqualTo("date");
        assertThat(mapping.path("dynamic").asText()).isEqualTo("strict");
        assertThat(settings.path("knn").asText()).isEqualTo("true");
    }

    @Test
    void theIndexRecordsItsModelAndDimensionInItsMeta() throws Exception {
        // GIVEN
        VectorIndex index = newIndex();

        // WHEN
        JsonNode meta = getJson("/" + index.name() + "/_mapping").path(index.name()).path("mappings").path("_meta");

        // THEN
        assertThat(meta.path("modelId").asText()).isEqualTo(MODEL);
        assertThat(meta.path("dimensions").asInt()).isEqualTo(DIMENSIONS);
    }

    @Test
    void attributesAreKeywordsSoAFilterNeverMatchesPartOfAValue() throws Exception {
        // GIVEN a document with an attribute value that an analysed field would split into words
        VectorIndex index = newIndex();
        STORE.upsert(index.name(), List.of(new VectorDocument("d1", "tenant-a", "text", randomVector(),
                Map.of("userId", "Ada Lovelace"), Instant.EPOCH)));

        // WHEN
        JsonNode attribute = getJson("/" + index.name() + "/_mapping").path(index.name())
                .path("mappings").path("properties").path("attributes").path("properties").path("userId");

        // THEN
        assertThat(attribute.path("type").asText()).isEqualTo("keyword");
        assertThat(STORE.search(index.name(), new VectorQuery("tenant-a", randomVector(), 5, Map.of("userId", "Ada"))))
                .isEmpty();
        assertThat(STORE.search(index.name(), new VectorQuery("tenant-a", randomVector(), 5, Map.of("userId", "Ada Lovelace"))))
                .hasSize(1);
    }

    @Test
    void attributeNamesWithADotAreEscapedSoTheyAreNeverReadAsAPath() throws Exception {
        // GIVEN a dotted name next to its own first part, which as a path would have to be both an
        // object and a keyword, and a name with a '%'
        VectorIndex index = newIndex();
        STORE.upsert(index.name(), List.of(new VectorDocument("d1", "tenant-a", "text", randomVector(),
                Map.of("meta.topic", "sleep", "meta", "m", "100%", "full"), Instant.EPOCH)));

        // WHEN
        JsonNode attributes = getJson("/" + index.name() + "/_mapping").path(index.name())
                .path("mappings").path("properties").path("attributes").path("properties");

        // THEN three flat keyword fields, and the names read back as written
        assertThat(attributes.path("meta%2Etopic").path("type").asText()).isEqualTo("keyword");
        assertThat(attributes.path("meta").path("type").asText()).isEqualTo("keyword");
        assertThat(attributes.path("100%25").path("type").asText()).isEqualTo("keyword");
        assertThat(STORE.search(index.name(), new VectorQuery("tenant-a", randomVector(), 5, Map.of("meta.topic", "sleep"))))
                .singleElement().satisfies(hit -> assertThat(hit.document().attributes())
                        .containsExactlyInAnyOrderEntriesOf(Map.of("meta.topic", "sleep", "meta", "m", "100%", "full")));
    }

    @Test
    void aBlankAttributeNameIsRefusedBeforeAnythingIsWritten() {
        // GIVEN a good document and one with a blank attribute name, which the node refuses
        VectorIndex index = newIndex();

        // WHEN / THEN
        assertThatThrownBy(() -> STORE.upsert(index.name(), List.of(document("good", "tenant-a", "fine", randomVector()),
                new VectorDocument("bad", "tenant-a", "blank", randomVector(), Map.of(" ", "p1"), Instant.EPOCH))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(STORE.count(index.name(), "tenant-a")).isZero();
    }

    @Test
    void theTextIsAnalysedInEnglishSoOtherFormsOfAWordMatch() throws Exception {
        // GIVEN
        VectorIndex index = newIndex();
        STORE.upsert(index.name(), List.of(document("d1", "tenant-a", "The runners are running daily", randomVector())));

        // WHEN
        JsonNode text = getJson("/" + index.name() + "/_mapping").path(index.name())
                .path("mappings").path("properties").path("text");

        // THEN stems match, stop words alone match nothing
        assertThat(text.path("type").asText()).isEqualTo("text");
        assertThat(text.path("analyzer").asText()).isEqualTo("english");
        assertThat(STORE.lexicalSearch(index.name(), new TextQuery("tenant-a", "run", 5, Map.of()))).hasSize(1);
        assertThat(STORE.lexicalSearch(index.name(), new TextQuery("tenant-a", "the are", 5, Map.of()))).isEmpty();
    }

    @Test
    void aFreshAdapterRefusesAnotherModelOrDimensionFromTheIndexItself() {
        // GIVEN an index created by one adapter instance
        VectorIndex index = newIndex();

        // WHEN another instance, with nothing cached, is asked for another model or dimension
        OpenSearchVectorStore fresh = new OpenSearchVectorStore(OpenSearchClients.create(ENDPOINT, REGION, false), "");

        // THEN it reads the index's _meta and refuses; the same model and dimension are accepted
        assertThatThrownBy(() -> fresh.ensureIndex(new VectorIndex(index.name(), "amazon.titan-embed-text-v2:0", DIMENSIONS)))
                .isInstanceOf(IndexMismatchException.class)
                .hasMessageContaining(MODEL).hasMessageContaining("amazon.titan-embed-text-v2:0");
        assertThatThrownBy(() -> fresh.ensureIndex(new VectorIndex(index.name(), MODEL, 384)))
                .isInstanceOf(IndexMismatchException.class);
        fresh.ensureIndex(new VectorIndex(index.name(), MODEL, DIMENSIONS));
    }

    @Test
    void anIndexNotMadeByLumenIsRefused() throws Exception {
        // GIVEN an index of the same name made by hand, without the model in its _meta
        String name = "foreign-" + UUID.randomUUID().toString().substring(0, 8);
        ownIndexes.add(name);
        assertThat(send("PUT", "/" + name, "{\"mappings\":{\"properties\":{\"text\":{\"type\":\"text\"}}}}").statusCode())
                .isEqualTo(200);

        // WHEN / THEN
        assertThatThrownBy(() -> STORE.ensureIndex(new VectorIndex(name, MODEL, DIMENSIONS)))
                .isInstanceOf(IndexMismatchException.class).hasMessageContaining(name);
        assertThatThrownBy(() -> STORE.search(name, new VectorQuery("tenant-a", randomVector(), 5, Map.of())))
                .isInstanceOf(IndexMismatchException.class);
    }

    @Test
    void thePrefixSeparatesStagesSharingOneDomain() {
        // GIVEN two stores on the same node with different prefixes, the same logical index
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OpenSearchVectorStore dev = new OpenSearchVectorStore(CLIENT, "dev-" + suffix + "-");
        OpenSearchVectorStore prod = new OpenSearchVectorStore(CLIENT, "prod-" + suffix + "-");
        ownIndexes.addAll(List.of(dev.physicalName("memories"), prod.physicalName("memories")));
        VectorIndex memories = new VectorIndex("memories", MODEL, DIMENSIONS);
        dev.ensureIndex(memories);
        prod.ensureIndex(memories);

        // WHEN
        dev.upsert("memories", List.of(document("d1", "tenant-a", "dev only", randomVector())));

        // THEN
        assertThat(dev.count("memories", "tenant-a")).isEqualTo(1);
        assertThat(prod.count("memories", "tenant-a")).isZero();
        assertThat(dev.physicalName("memories")).isEqualTo("dev-" + suffix + "-memories");
    }

    // ---- requests ----------------------------------------------------------------------------

    @Test
    void everySearchAndCountCarriesTheTenantFilterInsideTheKnnQuery() throws Exception {
        // GIVEN a store whose requests are recorded on their way to the node
        VectorIndex index = newIndex();
        RecordingHttpClient recording = new RecordingHttpClient(UrlConnectionHttpClient.create());
        OpenSearchVectorStore store = new OpenSearchVectorStore(OpenSearchClients.create(ENDPOINT, REGION, false,
                recording, StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")), false), "");

        // WHEN
        store.search(index.name(), new VectorQuery("tenant-a", randomVector(), 7, Map.of("personaId", "p1")));
        store.count(index.name(), "tenant-a");

        // THEN the search is one k-NN query whose filter holds the tenant and the attribute
        RecordingHttpClient.Recorded search = recording.requests().stream()
                .filter(r -> r.path().endsWith("/_search")).findFirst().orElseThrow();
        JsonNode body = JSON.readTree(search.body());
        assertThat(body.path("size").asInt()).isEqualTo(7);
        JsonNode knn = body.path("query").path("knn").path("vector");
        assertThat(knn.path("k").asInt()).isEqualTo(7);
        assertThat(knn.path("vector")).hasSize(DIMENSIONS);
        assertThat(knn.path("filter").path("bool").path("filter").findValuesAsText("value"))
                .containsExactlyInAnyOrder("tenant-a", "p1");
        assertThat(knn.path("filter").path("bool").path("filter").get(0).path("term").path("tenant").path("value").asText())
                .isEqualTo("tenant-a");
        // and the count is confined to the tenant too
        RecordingHttpClient.Recorded count = recording.requests().stream()
                .filter(r -> r.path().endsWith("/_count")).findFirst().orElseThrow();
        assertThat(JSON.readTree(count.body()).path("query").path("term").path("tenant").path("value").asText())
                .isEqualTo("tenant-a");
        // and an unsigned client sends no signature
        assertThat(search.request().firstMatchingHeader("Authorization")).isEmpty();
        assertThat(search.request().protocol()).isEqualTo("http");
    }

    @Test
    void aLexicalSearchIsAMatchOnTheTextWithTheTenantInANonScoringFilter() throws Exception {
        // GIVEN a store whose requests are recorded
        VectorIndex index = newIndex();
        RecordingHttpClient recording = new RecordingHttpClient(UrlConnectionHttpClient.create());
        OpenSearchVectorStore store = new OpenSearchVectorStore(OpenSearchClients.create(ENDPOINT, REGION, false,
                recording, StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")), false), "");

        // WHEN
        store.lexicalSearch(index.name(), new TextQuery("tenant-a", "sleep AND \"habits\"", 9, Map.of("meta.topic", "s")));

        // THEN the words go in a match query as plain text (no query syntax), and the filters beside it
        JsonNode body = JSON.readTree(recording.requests().stream()
                .filter(r -> r.path().endsWith("/_search")).findFirst().orElseThrow().body());
        assertThat(body.path("size").asInt()).isEqualTo(9);
        JsonNode bool = body.path("query").path("bool");
        JsonNode match = bool.path("must").get(0).path("match").path("text");
        assertThat(match.path("query").asText()).isEqualTo("sleep AND \"habits\"");
        assertThat(match.path("operator").asText()).isEqualToIgnoringCase("or");
        JsonNode filters = bool.path("filter").get(0).path("bool").path("filter");
        assertThat(filters.get(0).path("term").path("tenant").path("value").asText()).isEqualTo("tenant-a");
        assertThat(filters.get(1).path("term").path("attributes.meta%2Etopic").path("value").asText()).isEqualTo("s");
    }

    @Test
    void writesWaitForARefreshInsteadOfForcingOne() {
        // GIVEN
        VectorIndex index = newIndex();
        RecordingHttpClient recording = new RecordingHttpClient(UrlConnectionHttpClient.create());
        OpenSearchVectorStore store = new OpenSearchVectorStore(OpenSearchClients.create(ENDPOINT, REGION, false,
                recording, StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")), false), "");

        // WHEN
        store.upsert(index.name(), List.of(document("d1", "tenant-a", "one", randomVector())));
        store.delete(index.name(), "tenant-a", List.of("d1"));

        // THEN
        assertThat(recording.requests()).filteredOn(r -> r.path().endsWith("/_bulk")).hasSize(2)
                .allSatisfy(r -> assertThat(r.request().rawQueryParameters().get("refresh")).containsExactly("wait_for"));
    }

    @Test
    void aSignedClientWorksAgainstANodeWithoutSecurityToo() {
        // GIVEN a client that signs with SigV4, as for Amazon OpenSearch Service, over plain HTTP
        VectorIndex index = newIndex();
        RecordingHttpClient recording = new RecordingHttpClient(UrlConnectionHttpClient.create());
        OpenSearchVectorStore signed = new OpenSearchVectorStore(OpenSearchClients.create(ENDPOINT, REGION, true,
                recording, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), false), "");

        // WHEN
        signed.upsert(index.name(), List.of(document("d1", "tenant-a", "signed", randomVector())));

        // THEN the node ignored the signature and the request did carry one
        assertThat(signed.count(index.name(), "tenant-a")).isEqualTo(1);
        assertThat(recording.requests()).allSatisfy(r -> assertThat(r.request().firstMatchingHeader("Authorization"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")));
    }

    // ---- real sizes and identities ------------------------------------------------------------

    @Test
    void moreDocumentsThanOneBulkOf384DimensionsComeBackBitForBit() {
        // GIVEN more documents than one bulk request takes, with model-sized vectors, through a client
        // that gzips bodies both ways as it does for an https domain
        RecordingHttpClient recording = new RecordingHttpClient(UrlConnectionHttpClient.create());
        OpenSearchVectorStore store = new OpenSearchVectorStore(OpenSearchClients.create(ENDPOINT, REGION, false,
                recording, StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")), true), "");
        VectorIndex index = new VectorIndex("large-" + UUID.randomUUID().toString().substring(0, 8), "all-minilm-l6-v2-q", 384);
        ownIndexes.add(index.name());
        store.ensureIndex(index);
        Random random = new Random(7);
        List<VectorDocument> documents = new ArrayList<>();
        for (int i = 0; i < OpenSearchVectorStore.BULK_SIZE + 100; i++) {
            float[] vector = new float[384];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian() / 7;
            }
            documents.add(new VectorDocument("m" + i, "tenant-a", "memory " + i, vector, Map.of("userId", "u" + i % 3),
                    Instant.parse("2024-05-01T10:15:30.123456789Z").plusSeconds(i)));
        }

        // WHEN
        store.upsert(index.name(), documents);
        List<VectorHit> hits = store.search(index.name(), new VectorQuery("tenant-a", documents.get(421).vector(), 3,
                Map.of("userId", "u1")));

        // THEN
        assertThat(recording.requests()).filteredOn(r -> r.path().endsWith("/_bulk")).hasSize(2)
                .allSatisfy(r -> assertThat(r.request().firstMatchingHeader("Content-Encoding")).hasValue("gzip"));
        assertThat(store.count(index.name(), "tenant-a")).isEqualTo(documents.size());
        assertThat(hits.get(0).document()).usingRecursiveComparison().isEqualTo(documents.get(421));
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-5));
        assertThat(hits).extracting(hit -> hit.document().attributes().get("userId")).containsOnly("u1");
    }

    @Test
    void tenantsWithColonsCannotForgeAnotherTenantsId() {
        // GIVEN (tenant "a:b", id "c") and (tenant "a", id "b:c"), which a plain "tenant:id" would confuse
        VectorIndex index = newIndex();
        float[] vector = randomVector();
        STORE.upsert(index.name(), List.of(document("c", "a:b", "first", vector), document("b:c", "a", "second", vector)));

        // WHEN / THEN both exist, each in its own tenant
        assertThat(STORE.count(index.name(), "a:b")).isEqualTo(1);
        assertThat(STORE.count(index.name(), "a")).isEqualTo(1);
        assertThat(DocumentSource.documentId("a:b", "c")).isNotEqualTo(DocumentSource.documentId("a", "b:c"));
    }

    // ---- failures ----------------------------------------------------------------------------

    @Test
    void anUnreachableNodeIsUnavailableAfterRetries() throws Exception {
        // GIVEN a store pointed at a port nobody listens on, with short backoff
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort());
        OpenSearchVectorStore store = new OpenSearchVectorStore(OpenSearchClients.create(nowhere, REGION, false), "",
                new OpenSearchCalls(3, Duration.ofMillis(5)));

        // WHEN / THEN
        assertThatThrownBy(() -> store.ensureIndex(new VectorIndex("memories", MODEL, DIMENSIONS)))
                .isInstanceOf(UnavailableException.class)
                .satisfies(e -> assertThat(((UnavailableException) e).code()).isEqualTo("vector_store_unavailable"))
                .hasRootCauseInstanceOf(ConnectException.class);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static void deleteIndexes(List<String> names) throws IOException {
        if (!names.isEmpty()) {
            CLIENT.indices().delete(delete -> delete.index(names).ignoreUnavailable(true));
        }
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ENDPOINT.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
