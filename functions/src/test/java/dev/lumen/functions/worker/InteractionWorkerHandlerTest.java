package dev.lumen.functions.worker;

import dev.lumen.functions.observability.InvocationCapture;
import dev.lumen.functions.observability.LambdaContextStub;
import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lumen.adapter.model.ModelTraitExtractor;
import dev.lumen.contract.InteractionStores;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.learning.LearningService;
import dev.lumen.domain.learning.TokenUsage;
import dev.lumen.domain.learning.TokenUsage.UsageScope;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryStores;
import dev.lumen.fakes.InMemoryUsageLedger;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.domain.usage.Account;
import dev.lumen.domain.usage.ModelPrices;
import dev.lumen.domain.usage.UsageAccounting;
import dev.lumen.domain.usage.UsageTotals;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionWorkerHandlerTest {
    private static final String TENANT = "creator-7f3a";
    private final InteractionStores stores = InMemoryStores.create();
    private final ExactVectorStore vectors = new ExactVectorStore();
    private final MemoryService memory = new MemoryService(new HashingEmbeddingModel(64), vectors);

    private static final java.time.LocalDate LEDGER_DAY = java.time.LocalDate.parse("2026-01-05");
    private static final String EVENT_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();

    private InteractionWorkerHandler worker(ChatModel model) {
        return new InteractionWorkerHandler(new LearningService(stores.learning(), memory,
                new ModelTraitExtractor(model), Clock.systemUTC()),
                new UsageAccounting(ledger, ModelPrices.defaults()));
    }

    @Test
    void theSameMessageTwiceLeavesOneMemoryAndOneUsageRecord() {
        // GIVEN the sample event, as SQS delivers it
        InteractionWorkerHandler worker = worker(new ScriptedChatModel(
                "[{\"name\":\"Encouragement\",\"description\":\"Cheers the user on\",\"intensity\":0.8}]"));
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-interaction-recorded.json");

        // WHEN it is delivered twice
        SQSBatchResponse first = worker.handleRequest(event, null);
        SQSBatchResponse second = worker.handleRequest(event, null);

        // THEN
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(vectors.count(MemoryService.INDEX, TENANT)).isEqualTo(1);
        TokenUsage usage = stores.learning().usage(UsageScope.USER, "user-52e8");
        assertThat(usage.interactions()).isEqualTo(1);
        assertThat(usage.inputTokens()).isEqualTo(412);
        assertThat(usage.outputTokens()).isEqualTo(38);
        assertThat(stores.learning().isApplied("01JGZ8Q6X4C9M2T5V7W3Y1B0DK")).isTrue();
        // AND the ledger counted the turn once, priced
        UsageTotals day = ledger.day(Account.user("user-52e8"), LEDGER_DAY);
        assertThat(day.calls()).isEqualTo(1);
        assertThat(day.inputTokens()).isEqualTo(412);
        assertThat(day.costUsd()).isEqualByComparingTo(
                ModelPrices.defaults().cost(EVENT_MODEL, new dev.lumen.domain.chat.Usage(412, 38)));
        assertThat(ledger.day(Account.creator(TENANT), LEDGER_DAY).calls()).isEqualTo(1);
    }

    @Test
    void onlyTheMessagesThatFailAreReported() {
        // GIVEN a batch of a good message, an unreadable one and one missing its interaction id
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-interaction-recorded.json");
        SQSEvent.SQSMessage good = event.getRecords().get(0);
        List<SQSEvent.SQSMessage> records = new ArrayList<>(List.of(good,
                copy(good, "poison-1", "not json at all"),
                copy(good, "poison-2", good.getBody().replace("\"interactionId\"", "\"somethingElse\""))));
        event.setRecords(records);

        // WHEN
        SQSBatchResponse response = worker(new ScriptedChatModel("[]")).handleRequest(event, null);

        // THEN SQS redelivers only the two bad ones; the good one is learned from
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("poison-1", "poison-2");
        assertThat(vectors.count(MemoryService.INDEX, TENANT)).isEqualTo(1);
    }

    @Test
    void aModelThatIsDownFailsTheMessageSoItIsRetriedAndNothingIsApplied() {
        // GIVEN
        ChatModel down = request -> {
            throw new UnavailableException("model_unavailable", "Bedrock throttled (simulated)", null);
        };
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-interaction-recorded.json");

        // WHEN
        SQSBatchResponse response = worker(down).handleRequest(event, null);

        // THEN
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
        assertThat(stores.learning().isApplied("01JGZ8Q6X4C9M2T5V7W3Y1B0DK")).isFalse();
        assertThat(stores.learning().usage(UsageScope.USER, "user-52e8").interactions()).isZero();
    }

    private static SQSEvent.SQSMessage copy(SQSEvent.SQSMessage original, String messageId, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(messageId);
        message.setReceiptHandle(original.getReceiptHandle() + messageId);
        message.setBody(body);
        message.setAttributes(original.getAttributes());
        message.setEventSource(original.getEventSource());
        message.setEventSourceArn(original.getEventSourceArn());
        message.setAwsRegion(original.getAwsRegion());
        return message;
    }

    @Test
    void eachBatchLogsWithItsOwnContextOnThePoolsThreadsToo() {
        try (InvocationCapture capture = new InvocationCapture()) {
            // GIVEN a trait model that logs as it answers (on one of the worker's pool threads)
            ScriptedChatModel scripted = new ScriptedChatModel("[]");
            InteractionWorkerHandler worker = worker(request -> {
                capture.logger().info("traits extracted");
                return scripted.reply(request);
            });
            SQSEvent first = EventLoader.loadSQSEvent("events/sqs-interaction-recorded.json");
            SQSEvent second = EventLoader.loadSQSEvent("events/sqs-interaction-recorded.json");
            second.getRecords().get(0).setBody(first.getRecords().get(0).getBody()
                    .replace("01JGZ8Q6X4C9M2T5V7W3Y1B0DK", "01JGZ8Q6X4C9M2T5V7W3Y1B0DL"));

            // WHEN two batches arrive in two invocations of a warm container
            worker.handleRequest(first, new LambdaContextStub("req-batch-1", "lumen-dev-InteractionWorkerFunction"));
            worker.handleRequest(second, new LambdaContextStub("req-batch-2", "lumen-dev-InteractionWorkerFunction"));

            // THEN each line carries its own batch's request id (a pool thread keeps no stale one), and the turn's user
            List<JsonNode> lines = capture.logged("traits extracted");
            assertThat(lines).extracting(line -> line.path("requestId").asText()).containsExactly("req-batch-1", "req-batch-2");
            assertThat(lines).allSatisfy(line -> {
                assertThat(line.path("function").asText()).isEqualTo("lumen-dev-InteractionWorkerFunction");
                assertThat(line.path("userId").asText()).isEqualTo("user-52e8");
                assertThat(line.path("tenant").asText()).isEqualTo(TENANT);
            });
            List<JsonNode> metrics = capture.lines().stream().filter(line -> line.has("Kind")).toList();
            assertThat(metrics).extracting(line -> line.path("Handler").asText()).containsExactly("InteractionWorker", "InteractionWorker");
            assertThat(metrics).extracting(line -> line.path("Kind").asText()).containsOnly("worker");
            capture.assertContextCleared();
        }
    }
}
