package dev.lumen.functions.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.usage.BudgetLimits;
import dev.lumen.domain.usage.Budgets;
import dev.lumen.domain.usage.ChargedCall;
import dev.lumen.domain.chat.Usage;
import dev.lumen.fakes.InMemoryUsageLedger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every metric Lumen writes is a valid EMF document with the names, units and dimensions documented. */
class MetricsTest {
    private static final long NOW = 1_767_608_131_000L;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Metrics metrics = new Metrics("lumen-test",
            () -> new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> NOW);

    private List<JsonNode> written() {
        return EmfSpec.documents(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void requestLinesCarryLatencyAndSeparateErrorCountsPerRoute() {
        // WHEN
        metrics.request("POST /api/chat", 200, 42);
        metrics.request("POST /api/chat", 404, 5);
        metrics.request("GET /api/stats", 503, 9);

        // THEN
        List<JsonNode> lines = written();
        assertThat(lines).hasSize(3);
        JsonNode ok = lines.get(0);
        assertThat(ok.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW);
        assertThat(ok.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("Lumen");
        assertThat(ok.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[\"Service\"],[\"Service\",\"Route\"]]");
        assertThat(ok.path("Route").asText()).isEqualTo("POST /api/chat");
        assertThat(ok.path("Service").asText()).isEqualTo("lumen-test");
        assertThat(ok.path("Latency").asDouble()).isEqualTo(42);
        assertThat(ok.path("Errors4xx").asInt()).isZero();
        assertThat(ok.path("Errors5xx").asInt()).isZero();
        assertThat(lines.get(1).path("Errors4xx").asInt()).isEqualTo(1);
        assertThat(lines.get(1).path("Errors5xx").asInt()).isZero();
        assertThat(lines.get(2).path("Errors5xx").asInt()).isEqualTo(1);
        assertThat(lines.get(2).path("Errors4xx").asInt()).isZero();
        assertThat(EmfSpec.metricNames(ok)).containsExactly("Latency", "Errors4xx", "Errors5xx");
    }

    @Test
    void modelCallsEscalationsAndBudgetsAreValidDocuments() {
        // WHEN
        metrics.modelCall("anthropic.claude-3-haiku-20240307-v1:0", 1200, 300, new BigDecimal("0.000675"));
        metrics.escalation("HIGH", "creator-1");
        metrics.budgetUse(BudgetGauge.Budget.CREATOR_MONTHLY, 0.85, "creator-1");

        // THEN
        List<JsonNode> lines = written();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).path("Model").asText()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(lines.get(0).path("InputTokens").asInt()).isEqualTo(1200);
        assertThat(lines.get(0).path("OutputTokens").asInt()).isEqualTo(300);
        assertThat(lines.get(0).path("CostUsd").asDouble()).isEqualTo(0.000675);
        assertThat(lines.get(1).path("Severity").asText()).isEqualTo("HIGH");
        assertThat(lines.get(1).path("Escalations").asInt()).isEqualTo(1);
        assertThat(lines.get(1).path("tenant").asText()).as("ids are properties, not dimensions").isEqualTo("creator-1");
        assertThat(lines.get(2).path("BudgetUse").asDouble()).isEqualTo(0.85);
        assertThat(lines.get(2).path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[\"Service\",\"Budget\"]]");
        assertThat(lines.get(2).path("Budget").asText()).isEqualTo("creator-monthly");
        assertThat(lines.get(2).path("creatorId").asText()).isEqualTo("creator-1");
    }

    @Test
    void queueLagIsTheOldestMessagesAgeAtReceivePerQueue() {
        // GIVEN the sample event SQS sends (SentTimestamp 1767608130200)
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-interaction-recorded.json");

        // WHEN
        QueueLag.record(event, metrics, 1_767_608_131_450L);

        // THEN
        JsonNode line = written().get(0);
        assertThat(line.path("Queue").asText()).isEqualTo("lumen-InteractionsQueue-Xk3mPl9QwRz2");
        assertThat(line.path("QueueLag").asLong()).isEqualTo(1_250);
        assertThat(line.path("messages").asInt()).isEqualTo(event.getRecords().size());
    }

    @Test
    void aBatchWithoutTimestampsReportsNoLag() {
        SQSEvent event = new SQSEvent();
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setEventSourceArn("arn:aws:sqs:us-east-1:1:q");
        event.setRecords(List.of(message));

        QueueLag.record(event, metrics, NOW);

        assertThat(bytes.size()).isZero();
    }

    @Test
    void theBudgetGaugeReportsEveryBudgetTheLedgerEnforcesWhenItIsChecked() {
        // GIVEN user-1 and creator-1 have spent $0.80 today and $2.00 this month, the guardian agent $0.30 today
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        ledger.record(new ChargedCall("call-1", "user-1", "persona-1", "creator-1", "m", new Usage(10, 10),
                new BigDecimal("0.80"), now));
        ledger.record(new ChargedCall("call-0", "user-1", "persona-1", "creator-1", "m", new Usage(10, 10),
                new BigDecimal("1.20"), Instant.parse("2026-12-02T12:00:00Z")));
        ledger.record(ChargedCall.forAgent("agent-call-1", "guardian", "m", new Usage(10, 10), new BigDecimal("0.30"), now));
        BudgetLimits limits = new BudgetLimits(new BigDecimal("1.00"), new BigDecimal("10.00"),
                new BigDecimal("4.00"), new BigDecimal("5.00"));
        BudgetGauge gauge = new BudgetGauge(ledger, limits, new BigDecimal("0.60"), metrics);
        Budgets budgets = new Budgets(gauge, limits);

        // WHEN chat checks the user's and the creator's budgets, and an agent's meter its own
        budgets.check("user-1", "creator-1", now);
        gauge.day(dev.lumen.domain.usage.Account.agent("guardian"), java.time.LocalDate.parse("2026-12-07"));

        // THEN one line per budget, each named by the Budget dimension, with its own share
        java.util.Map<String, JsonNode> byBudget = new java.util.LinkedHashMap<>();
        for (JsonNode line : written()) {
            assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                    .isEqualTo("[[\"Service\",\"Budget\"]]");
            byBudget.put(line.path("Budget").asText(), line);
        }
        assertThat(byBudget.keySet()).containsExactly("user-daily", "user-monthly", "creator-daily", "creator-monthly",
                "agent-daily");
        assertThat(java.util.Arrays.stream(BudgetGauge.Budget.values()).map(BudgetGauge.Budget::dimension))
                .as("every budget kind is reported").containsExactlyInAnyOrderElementsOf(byBudget.keySet());
        assertThat(byBudget.get("user-daily").path("BudgetUse").asDouble()).isEqualTo(0.8);
        assertThat(byBudget.get("user-monthly").path("BudgetUse").asDouble()).isEqualTo(0.2);
        assertThat(byBudget.get("creator-daily").path("BudgetUse").asDouble()).isEqualTo(0.2);
        assertThat(byBudget.get("creator-monthly").path("BudgetUse").asDouble()).isEqualTo(0.4);
        assertThat(byBudget.get("agent-daily").path("BudgetUse").asDouble()).isEqualTo(0.5);
        assertThat(byBudget.get("creator-daily").path("creatorId").asText()).isEqualTo("creator-1");
        assertThat(byBudget.get("agent-daily").path("agent").asText()).isEqualTo("guardian");
        assertThat(byBudget.get("user-daily").has("userId")).as("a user's id is not written").isFalse();
        assertThat(byBudget.get("user-daily").toString()).doesNotContain("user-1");
    }

    @Test
    void aBudgetWithoutALimitReportsNothing() {
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        BudgetLimits limits = new BudgetLimits(null, null, new BigDecimal("1.00"), null);
        new Budgets(new BudgetGauge(ledger, limits, metrics), limits).check("user-1", "creator-1",
                Instant.parse("2026-12-07T12:00:00Z"));

        assertThat(written()).extracting(line -> line.path("Budget").asText()).containsExactly("creator-daily");
    }

    @Test
    void invocationsThatAreNotRequestsHaveTheirOwnKindAndHandlerDimensions() {
        metrics.invocation("schedule", "ProactiveDispatch", false, 120);
        metrics.invocation("worker", "InteractionWorker", true, 900);

        List<JsonNode> lines = written();
        assertThat(lines.get(0).path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .as("never [Service] alone: the API's p99 alarm watches that").isEqualTo("[[\"Service\",\"Kind\"],[\"Service\",\"Kind\",\"Handler\"]]");
        assertThat(EmfSpec.metricNames(lines.get(0))).containsExactly("Latency", "Errors");
        assertThat(lines.get(0).path("Errors").asInt()).isZero();
        assertThat(lines.get(0).path("Latency").asInt()).isEqualTo(120);
        assertThat(lines.get(1).path("Errors").asInt()).isEqualTo(1);
        assertThat(lines.get(1).path("Kind").asText()).isEqualTo("worker");
    }

    @Test
    void theWriterEnforcesTheSpecsLimits() {
        EmfLine line = new EmfLine("Lumen");
        for (int i = 0; i < EmfLine.MAX_METRICS; i++) {
            line.metric("m" + i, i, EmfLine.Unit.Count);
        }
        assertThatThrownBy(() -> line.metric("one-too-many", 1, EmfLine.Unit.Count))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmfLine("Lumen").dimensionSet(new String[31]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmfLine("Lumen").dimensionSet("Route").metric("x", 1, EmfLine.Unit.None).toJson(NOW))
                .as("a dimension without a value").isInstanceOf(IllegalStateException.class);
        // A full document is still valid.
        EmfSpec.validate(line.dimension("Service", "s").dimensionSet("Service").toJson(NOW));
    }

    @Test
    void valuesAreEscapedAndNonFiniteNumbersNeverBreakTheJson() {
        String json = new EmfLine("Lumen").dimension("Route", "GET /a\"b\\c\n").dimensionSet("Route")
                .metric("Latency", 1, EmfLine.Unit.Milliseconds).property("odd", Double.NaN).toJson(NOW);

        JsonNode root = EmfSpec.validate(json);

        assertThat(root.path("Route").asText()).isEqualTo("GET /a\"b\\c\n");
        assertThat(root.path("odd").asText()).isEqualTo("NaN");
    }
}
