package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.local.EndToEndTest.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A creator's knowledge base through the local runner: uploads over HTTP (JSON and raw bodies),
 * the ingest queue polled into the real worker (extraction, splitting, MiniLM, Lucene), status
 * and progress, hybrid retrieval with cited answers, tenant isolation, deletion.
 */
@ExtendWith(LocalRunner.class)
class KnowledgePipelineTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SLEEP_GUIDE = """
            # Sleep hygiene

            Keep a fixed wake-up time, even at weekends: it anchors the body clock.

            Stop caffeine after 2 pm. Caffeine has a half-life of about five hours, so an afternoon coffee
            is still in your blood at bedtime.

            Keep the bedroom cool, dark and quiet, and use the bed only for sleep.""";

    @Test
    void uploadedDocumentsAreIndexedSearchedAndCitedOnlyForTheirCreator() {
        // GIVEN a creator with a profile and two documents, one as JSON (markdown), one as a raw HTML body
        Reply profile = call("PUT", "/api/creators/coach-sleep", """
                {"name": "Dr. Rest", "expertise": "sleep coaching", "methodology": "small habits, measured weekly",
                 "communicationStyle": "warm and precise"}""");
        assertThat(profile.status()).isEqualTo(200);
        Reply markdown = call("POST", "/api/creators/coach-sleep/documents", """
                {"documentId": "sleep-guide", "title": "Sleep hygiene", "contentType": "markdown",
                 "metadata": {"topic": "sleep"}, "content": %s}""".formatted(quote(SLEEP_GUIDE)));
        assertThat(markdown.status()).as(markdown.body().toString()).isEqualTo(202);
        assertThat(markdown.body().path("status").asText()).isEqualTo("PENDING");
        int html = raw("POST", "/api/creators/coach-sleep/documents?title=Evening%20routine&documentId=routine",
                "text/html", "<html><body><nav>menu</nav><h1>Evening routine</h1>"
                        + "<p>Dim the lights an hour before bed and put the phone in another room.</p></body></html>");
        assertThat(html).isEqualTo(202);

        // WHEN the ingest worker has run
        awaitIngested();

        // THEN both are indexed with their chunk counts
        Reply listed = call("GET", "/api/creators/coach-sleep/documents", null);
        assertThat(listed.body().path("documents")).hasSize(2).allSatisfy(doc -> {
            assertThat(doc.path("status").asText()).isEqualTo("INDEXED");
            assertThat(doc.path("chunksTotal").asInt()).isPositive();
            assertThat(doc.path("chunksDone").asInt()).isEqualTo(doc.path("chunksTotal").asInt());
        });

        // AND a hybrid query finds the caffeine advice and the answer cites it
        Reply answered = call("POST", "/api/creators/coach-sleep/query", """
                {"query": "when should I stop drinking coffee?", "k": 3, "answer": true}""");
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);
        JsonNode hits = answered.body().path("hits");
        assertThat(hits.get(0).path("documentId").asText()).isEqualTo("sleep-guide");
        assertThat(hits.get(0).path("text").asText()).contains("caffeine");
        assertThat(answered.body().at("/answer/text").asText()).contains("[1]");
        assertThat(answered.body().at("/answer/citations/0/chunkId").asText()).isEqualTo(hits.get(0).path("chunkId").asText());

        // AND a persona of the creator coaches from it, citing it, in the creator's voice
        assertThat(call("POST", "/api/personas", """
                {"id": "rest-coach", "name": "Remy", "creatorId": "coach-sleep", "traits": []}""").status()).isEqualTo(201);
        Reply chat = call("POST", "/api/chat", """
                {"personaId": "rest-coach", "userId": "sleepy", "message": "When should I stop caffeine in the afternoon?"}""");
        assertThat(chat.status()).as(chat.body().toString()).isEqualTo(200);
        assertThat(chat.body().path("message").asText()).contains("From your coach's material", "[1]");
        assertThat(chat.body().at("/citations/0/documentId").asText()).isEqualTo("sleep-guide");

        // AND content drafted in the creator's voice draws on (and cites) their own material
        Reply draft = call("POST", "/api/creators/coach-sleep/content", """
                {"contentType": "newsletter", "topic": "caffeine and sleep", "audience": "shift workers",
                 "length": "short", "objectives": ["move their last coffee earlier"]}""");
        assertThat(draft.status()).as(draft.body().toString()).isEqualTo(200);
        assertThat(draft.body().path("text").asText()).contains("aff");
        assertThat(draft.body().path("citations")).isNotEmpty();
        assertThat(call("POST", "/api/creators/coach-sleep/content", "{\"contentType\": \"post\", \"topic\": \"x\", \"length\": \"huge\"}")
                .status()).isEqualTo(400);

        // AND another creator gets nothing of it, by query, filter or id
        for (String mode : new String[] {"dense", "lexical", "hybrid"}) {
            Reply other = call("POST", "/api/creators/coach-other/query", """
                    {"query": "caffeine sleep bedtime", "mode": "%s", "filter": {"topic": "sleep"}}""".formatted(mode));
            assertThat(other.body().path("hits")).as(mode).isEmpty();
        }
        assertThat(call("GET", "/api/creators/coach-other/documents/sleep-guide", null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/creators/coach-other/documents/sleep-guide", null).status()).isEqualTo(404);

        // AND deleting a document removes it from search
        assertThat(call("DELETE", "/api/creators/coach-sleep/documents/sleep-guide", null).status()).isEqualTo(200);
        Reply afterDelete = call("POST", "/api/creators/coach-sleep/query", """
                {"query": "caffeine half-life", "mode": "lexical"}""");
        assertThat(afterDelete.body().path("hits").toString()).doesNotContain("sleep-guide");
    }

    @Test
    void badUploadsAreRefusedAndUnreadableOnesFailWithAReason() {
        // 413: more than 5 MB of text
        Reply tooLarge = call("POST", "/api/creators/coach-bad/documents", """
                {"title": "Huge", "content": "%s"}""".formatted("a".repeat(5 * 1024 * 1024 + 1)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().at("/error/code").asText()).isEqualTo("document_too_large");
        // 400s naming the problem
        assertThat(call("POST", "/api/creators/coach-bad/documents", "{\"content\": \"x\"}").body().at("/error/message").asText())
                .contains("'title'");
        assertThat(call("POST", "/api/creators/coach-bad/documents",
                "{\"title\": \"T\", \"content\": \"x\", \"contentType\": \"docx\"}").status()).isEqualTo(400);
        assertThat(call("POST", "/api/creators/coach-bad/query", "{\"query\": \"x\", \"mode\": \"fuzzy\"}").status()).isEqualTo(400);
        assertThat(call("POST", "/api/creators/coach-bad/query", "{\"query\": \"x\", \"k\": 0}").status()).isEqualTo(400);
        assertThat(call("GET", "/api/creators/coach-bad/documents", null).body().path("documents")).isEmpty();

        // An unreadable PDF is accepted, then fails with its reason
        assertThat(raw("POST", "/api/creators/coach-bad/documents?title=Scan&documentId=scan", "application/pdf",
                "this is not a PDF")).isEqualTo(202);
        awaitIngested();
        Reply failed = call("GET", "/api/creators/coach-bad/documents/scan", null);
        assertThat(failed.body().path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.body().path("reason").asText()).isNotBlank();
    }

    private static void awaitIngested() {
        assertThat(LocalRunner.runner().queues().awaitDrained("IngestQueue", Duration.ofMinutes(2))).isTrue();
    }

    private static int raw(String method, String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(LocalRunner.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
