package dev.lumen.functions.knowledge;

import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.adapter.extract.DocumentTextExtractor;
import dev.lumen.domain.knowledge.CreatorProfiles;
import dev.lumen.domain.knowledge.DocumentIngestion;
import dev.lumen.domain.knowledge.KnowledgeBase;
import dev.lumen.domain.knowledge.KnowledgeIndexer;
import dev.lumen.domain.knowledge.KnowledgeQuery;
import dev.lumen.domain.knowledge.KnowledgeSearch;
import dev.lumen.domain.knowledge.TextSplitter;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryCreatorRepository;
import dev.lumen.fakes.InMemoryDocumentContentStore;
import dev.lumen.fakes.InMemoryDocumentRepository;
import dev.lumen.fakes.RecordingIngestPublisher;
import dev.lumen.fakes.ScriptedChatModel;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The knowledge routes' handlers with the project's sample events, over the domain's fakes. */
class KnowledgeHandlersTest {
    private final InMemoryDocumentRepository documents = new InMemoryDocumentRepository();
    private final InMemoryDocumentContentStore contents = new InMemoryDocumentContentStore();
    private final RecordingIngestPublisher queue = new RecordingIngestPublisher();
    private final HashingEmbeddingModel embeddings = new HashingEmbeddingModel(128);
    private final ExactVectorStore vectors = new ExactVectorStore();
    private final KnowledgeIndexer indexer = new KnowledgeIndexer(embeddings, vectors, TextSplitter.defaults(), Clock.systemUTC());
    private final KnowledgeBase knowledge = new KnowledgeBase(documents, contents, queue, indexer, Clock.systemUTC());

    @Test
    void jsonAndRawUploadsAreAcceptedQueuedAndListed() {
        APIGatewayV2HTTPResponse markdown = new SubmitDocumentHandler(knowledge).handleRequest(event("submit-document.json"), null);
        APIGatewayV2HTTPResponse html = new SubmitDocumentHandler(knowledge).handleRequest(event("submit-document-html.json"), null);

        assertThat(markdown.getStatusCode()).isEqualTo(202);
        assertThat(json(markdown).path("documentId").asText()).isEqualTo("sleep-guide");
        assertThat(json(markdown).path("status").asText()).isEqualTo("PENDING");
        assertThat(html.getStatusCode()).isEqualTo(202);
        assertThat(json(html).path("documentId").asText()).isEqualTo("routine");
        assertThat(queue.published()).hasSize(2);
        APIGatewayV2HTTPResponse listed = new DocumentsHandler(knowledge).handleRequest(event("list-documents.json"), null);
        assertThat(json(listed).path("documents").findValuesAsText("documentId")).containsExactlyInAnyOrder("sleep-guide", "routine");
    }

    @Test
    void aQueryAfterIngestionAnswersWithCitations() {
        new SubmitDocumentHandler(knowledge).handleRequest(event("submit-document.json"), null);
        new DocumentIngestion(documents, contents, new DocumentTextExtractor(), indexer, Clock.systemUTC())
                .process(queue.published().get(0));
        KnowledgeQuery query = new KnowledgeQuery(new KnowledgeSearch(embeddings, vectors),
                new ScriptedChatModel("Stop caffeine after 2 pm [1]."));

        APIGatewayV2HTTPResponse response = new QueryKnowledgeHandler(query).handleRequest(event("query-knowledge.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).at("/hits/0/documentId").asText()).isEqualTo("sleep-guide");
        assertThat(json(response).at("/answer/citations/0/chunkId").asText()).isEqualTo("sleep-guide:0");
    }

    @Test
    void badRequestsAre4xxNamingTheProblemAndStoreNothing() {
        SubmitDocumentHandler submit = new SubmitDocumentHandler(knowledge);
        assertError(submit.handleRequest(withBody("submit-document.json", "{\"content\":\"x\"}"), null), 400, "'title'");
        assertError(submit.handleRequest(withBody("submit-document.json", "{\"title\":\"T\",\"content\":\"x\",\"contentType\":\"pdf\"}"), null),
                400, "application/pdf");
        assertError(submit.handleRequest(withBody("submit-document.json", "{\"title\":\"T\",\"content\":\"x\",\"metadata\":{\"k\":1}}"), null),
                400, "metadata.k");
        assertError(submit.handleRequest(withBody("submit-document.json", "{\"title\":\"T\",\"content\":\"" + "a".repeat(5 * 1024 * 1024 + 1) + "\"}"), null),
                413, "5 MB");
        assertThat(contents.size()).isZero();
        assertThat(queue.published()).isEmpty();

        KnowledgeQuery query = new KnowledgeQuery(new KnowledgeSearch(embeddings, vectors), new ScriptedChatModel("x"));
        assertError(new QueryKnowledgeHandler(query).handleRequest(withBody("query-knowledge.json", "{\"query\":\"x\",\"mode\":\"fuzzy\"}"), null),
                400, "'mode'");
        assertError(new QueryKnowledgeHandler(query).handleRequest(withBody("query-knowledge.json", "{\"query\":\"x\",\"k\":\"five\"}"), null),
                400, "'k'");
        assertError(new CreatorHandler(new CreatorProfiles(new InMemoryCreatorRepository(), Clock.systemUTC()))
                .handleRequest(withBody("put-creator.json", "{\"expertise\":\"sleep\"}"), null), 400, "'name'");
        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent missing = event("list-documents.json");
        missing.setPathParameters(java.util.Map.of("creatorId", "coach-sleep", "documentId", "nope"));
        assertError(new DocumentsHandler(knowledge).handleRequest(missing, null), 404, "nope");
    }

    @Test
    void aCreatorProfileIsSetAndReadBack() {
        CreatorHandler handler = new CreatorHandler(new CreatorProfiles(new InMemoryCreatorRepository(), Clock.systemUTC()));

        APIGatewayV2HTTPResponse put = handler.handleRequest(event("put-creator.json"), null);

        assertThat(put.getStatusCode()).isEqualTo(200);
        assertThat(json(put).path("methodology").asText()).isEqualTo("one small habit a week");
    }
}
