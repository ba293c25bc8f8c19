package dev.lumen.domain.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.adapter.sqs.InteractionJson;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.DocumentStatus;
import dev.lumen.domain.knowledge.IngestRequested;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.usage.ModelPrices;
import dev.lumen.fakes.InMemoryActivityFeed;
import dev.lumen.fakes.InMemoryDocumentRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivityRecorderTest {
    private static final Instant AT = Instant.parse("2026-12-07T08:30:00.123Z");

    private final InMemoryActivityFeed feed = new InMemoryActivityFeed();
    private final InMemoryDocumentRepository documents = new InMemoryDocumentRepository();
    private final ActivityRecorder recorder = new ActivityRecorder(feed, ModelPrices.defaults(), documents);

    private static InteractionRecorded turn(String id, String model, Usage usage) {
        return new InteractionRecorded(id, "coach-sleep", "persona-ada", "user-1", "s1", "q-" + id, "hi", "hello",
                model, usage, AT, 840);
    }

    @Test
    void aTurnIsRecordedOnceWithItsFiguresAndPrice() {
        // WHEN recorded twice, as a redelivery would
        recorder.recordTurn(turn("r1", "amazon.nova-lite-v1:0", new Usage(1000, 500)));
        recorder.recordTurn(turn("r1", "amazon.nova-lite-v1:0", new Usage(1000, 500)));

        // THEN
        assertThat(feed.all()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ActivityKind.CHAT_TURN);
            assertThat(a.at()).isEqualTo(AT);
            assertThat(a.route()).isEqualTo("POST /api/chat");
            assertThat(a.latencyMs()).isEqualTo(840);
            assertThat(a.inputTokens()).isEqualTo(1000);
            assertThat(a.outputTokens()).isEqualTo(500);
            // 1000 × 0.00006 / 1000 + 500 × 0.00024 / 1000
            assertThat(a.costUsd()).isEqualTo(0.00018);
            assertThat(a.error()).isFalse();
            assertThat(a.attributes()).containsEntry("userMessageId", "q-r1");
        });
    }

    @Test
    void aFallbackReplyIsAnErrorAndASafetyReplyIsMarked() {
        recorder.recordTurn(turn("r1", "fallback", Usage.NONE));
        recorder.recordTurn(turn("r2", "lumen-safety", Usage.NONE));
        List<Activity> all = feed.all();
        assertThat(all.get(0).error()).isTrue();
        assertThat(all.get(1).error()).isFalse();
        assertThat(all.get(1).attributes()).containsEntry("safetyReply", "true");
    }

    @Test
    void anIngestionIsRecordedOnceItSettled() {
        KnowledgeDocument pending = new KnowledgeDocument("guide", "coach-sleep", "Guide", ContentType.TEXT, Map.of(),
                DocumentStatus.PENDING, null, 0, 0, 10, 2, AT, AT);
        documents.save(pending);
        assertThat(recorder.recordIngestion(new IngestRequested("coach-sleep", "guide", 2))).isFalse();

        documents.save(new KnowledgeDocument("guide", "coach-sleep", "Guide", ContentType.TEXT, Map.of(),
                DocumentStatus.INDEXED, null, 5, 5, 10, 2, AT, AT.plusSeconds(3), 1, List.of("chunk 4 (OVERRIDE): x")));
        assertThat(recorder.recordIngestion(new IngestRequested("coach-sleep", "guide", 1))).as("an older revision").isFalse();
        assertThat(recorder.recordIngestion(new IngestRequested("coach-sleep", "guide", 2))).isTrue();
        assertThat(recorder.recordIngestion(new IngestRequested("coach-sleep", "guide", 2))).isTrue();

        assertThat(feed.all()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ActivityKind.DOCUMENT_INGESTED);
            assertThat(a.at()).isEqualTo(AT.plusSeconds(3));
            assertThat(a.tenant()).isEqualTo("coach-sleep");
            assertThat(a.attributes()).containsEntry("documentId", "guide").containsEntry("revision", "2")
                    .containsEntry("chunks", "5").containsEntry("quarantined", "1").containsEntry("status", "INDEXED");
        });
    }

    @Test
    void latencyTravelsInTheQueueBodyAndAnOlderBodyReadsAsZero() {
        InteractionRecorded measured = turn("r1", "m", new Usage(1, 2));
        assertThat(InteractionJson.read(InteractionJson.write(measured))).isEqualTo(measured);
        InteractionRecorded older = InteractionJson.read(
                "{\"interactionId\":\"i\",\"tenant\":\"t\",\"personaId\":\"p\",\"occurredAt\":\"2026-01-05T10:15:30Z\"}");
        assertThat(older.latencyMs()).isZero();
    }
}
