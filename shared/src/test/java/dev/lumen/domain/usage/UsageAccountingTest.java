package dev.lumen.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.BudgetExceededException;
import dev.lumen.domain.knowledge.KnowledgeQuery;
import dev.lumen.domain.knowledge.KnowledgeSearch;
import dev.lumen.domain.knowledge.SearchMode;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.model.FallbackChatModel;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryUsageLedger;
import dev.lumen.fakes.ScriptedChatModel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageAccountingTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-07");
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();

    @Test
    void aTurnIsPricedFromTheTableAndCountedOnceHoweverOftenItComes() {
        // GIVEN a Claude 3 Haiku turn: $0.00025 / 1k in, $0.00125 / 1k out
        UsageAccounting accounting = new UsageAccounting(ledger, ModelPrices.defaults());
        InteractionRecorded turn = turn("anthropic.claude-3-haiku-20240307-v1:0", new Usage(2_000, 400));

        // WHEN it is delivered three times
        boolean first = accounting.recordTurn(turn);
        boolean second = accounting.recordTurn(turn);
        accounting.recordTurn(turn);

        // THEN one call of 2000 × 0.00025/1k + 400 × 0.00125/1k = $0.001
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(ledger.day(Account.user("u1"), DAY)).isEqualTo(new UsageTotals(1, 2_000, 400, new BigDecimal("0.001")));
        assertThat(ledger.day(Account.persona("ada"), DAY).calls()).isEqualTo(1);
        assertThat(ledger.day(Account.creator("coach"), DAY).costUsd()).isEqualByComparingTo("0.001");
    }

    @Test
    void inferenceProfilesArePricedAsTheirModelAndUnknownModelsAreFreeButCounted() {
        ModelPrices prices = ModelPrices.defaults();
        assertThat(prices.priceOf("us.anthropic.claude-3-haiku-20240307-v1:0"))
                .isEqualTo(prices.priceOf("anthropic.claude-3-haiku-20240307-v1:0"));
        assertThat(prices.cost("someone.new-model", new Usage(1_000, 1_000))).isEqualByComparingTo("0");
        assertThat(prices.with(Map.of("someone.new-model", Price.of("0.002", "0.004")))
                .cost("someone.new-model", new Usage(500, 250))).isEqualByComparingTo("0.002");
    }

    @Test
    void theGracefulFallbackReplyIsNotACall() {
        UsageAccounting accounting = new UsageAccounting(ledger, ModelPrices.defaults());

        assertThat(accounting.recordTurn(turn(FallbackChatModel.DEGRADED_MODEL, Usage.NONE))).isFalse();
        assertThat(ledger.day(Account.user("u1"), DAY)).isEqualTo(UsageTotals.ZERO);
    }

    @Test
    void aKnowledgeAnswerChecksTheCreatorsBudgetAndRecordsItsCost() {
        // GIVEN a creator with a 1-cent daily budget and an answering model
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        UsageMeter meter = new UsageMeter(new Budgets(ledger, new BudgetLimits(null, null, new BigDecimal("0.01"), null)),
                ledger, ModelPrices.defaults().with(Map.of("scripted", Price.of("1", "1"))), clock);
        ScriptedChatModel model = new ScriptedChatModel("An answer.");
        KnowledgeQuery query = new KnowledgeQuery(new KnowledgeSearch(new HashingEmbeddingModel(32), new ExactVectorStore()),
                model).withUsage(meter);

        // WHEN it answers once
        query.query("coach", "how?", 5, Map.of(), SearchMode.HYBRID, true);

        // THEN the creator is charged (the scripted model's tokens at $1/1k each)
        UsageTotals spent = ledger.day(Account.creator("coach"), DAY);
        assertThat(spent.calls()).isEqualTo(1);
        assertThat(spent.costUsd()).isPositive();
        // AND the next answer is refused before the model is asked
        assertThatThrownBy(() -> query.query("coach", "and now?", 5, Map.of(), SearchMode.HYBRID, true))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(model.requests()).hasSize(1);
        // AND a search without an answer calls no model, so no budget stands in its way
        assertThat(query.query("coach", "search only", 5, Map.of(), SearchMode.HYBRID, false).answer()).isNull();
    }

    private static InteractionRecorded turn(String model, Usage usage) {
        return new InteractionRecorded("turn-1", "coach", "ada", "u1", "s1", "m1", "hi", "hello", model, usage, AT);
    }
}
