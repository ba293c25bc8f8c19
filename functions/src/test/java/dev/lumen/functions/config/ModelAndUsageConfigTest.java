package dev.lumen.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.model.FallbackChatModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelAndUsageConfigTest {
    private static final List<String> NAMES = List.of("BEDROCK_MODEL_ID", "LUMEN_MODEL_CHAIN", "LUMEN_MODEL_ATTEMPTS",
            "LUMEN_MODEL_ATTEMPT_TIMEOUT_MS", "LUMEN_MODEL_BUDGET_MS", "LUMEN_MODEL_BREAKER_FAILURES",
            "LUMEN_MODEL_BREAKER_COOLDOWN_SECONDS", "LUMEN_MODEL_PRICES", "LUMEN_BUDGET_USER_DAILY_USD",
            "LUMEN_BUDGET_USER_MONTHLY_USD", "LUMEN_BUDGET_CREATOR_DAILY_USD", "LUMEN_BUDGET_CREATOR_MONTHLY_USD",
            "LUMEN_BUDGET_AGENT_DAILY_USD");

    @AfterEach
    void clear() {
        NAMES.forEach(System::clearProperty);
    }

    @Test
    void theChainIsTheListOrTheSingleModelIdWithThePolicyDefaults() {
        System.setProperty("BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(ModelConfig.fromEnvironment().requireModelIds()).containsExactly("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(ModelConfig.fromEnvironment().policy()).isEqualTo(FallbackChatModel.Policy.defaults());

        System.setProperty("LUMEN_MODEL_CHAIN", " modelA , modelB,,");
        System.setProperty("LUMEN_MODEL_BUDGET_MS", "15000");
        System.setProperty("LUMEN_MODEL_BREAKER_FAILURES", "3");
        ModelConfig config = ModelConfig.fromEnvironment();
        assertThat(config.modelIds()).containsExactly("modelA", "modelB");
        assertThat(config.policy().budget()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.policy().breakerThreshold()).isEqualTo(3);
    }

    @Test
    void aChainThatCannotHoldOneAttemptOrHasNoModelFailsFast() {
        assertThatThrownBy(() -> ModelConfig.fromEnvironment().requireModelIds()).hasMessageContaining("LUMEN_MODEL_CHAIN");
        System.setProperty("LUMEN_MODEL_ATTEMPTS", "zero");
        assertThatThrownBy(ModelConfig::fromEnvironment).hasMessageContaining("LUMEN_MODEL_ATTEMPTS");
        System.clearProperty("LUMEN_MODEL_ATTEMPTS");
        System.setProperty("LUMEN_MODEL_BUDGET_MS", "1000");
        assertThatThrownBy(ModelConfig::fromEnvironment).hasMessageContaining("at least one attempt");
    }

    @Test
    void pricesAndBudgetsComeFromTheEnvironment() {
        System.setProperty("LUMEN_MODEL_PRICES", "{\"acme.model-v1\":{\"input\":0.001,\"output\":0.002}}");
        System.setProperty("LUMEN_BUDGET_USER_DAILY_USD", "0.50");
        System.setProperty("LUMEN_BUDGET_CREATOR_MONTHLY_USD", "0");

        UsageConfig config = UsageConfig.fromEnvironment();

        assertThat(config.prices().cost("acme.model-v1", new Usage(1_000, 1_000))).isEqualByComparingTo("0.003");
        assertThat(config.prices().cost("anthropic.claude-3-haiku-20240307-v1:0", new Usage(1_000, 0)))
                .isEqualByComparingTo("0.00025");
        assertThat(config.budgets().userDaily()).isEqualByComparingTo(new BigDecimal("0.5"));
        assertThat(config.budgets().creatorMonthly()).isNull();
        assertThat(config.budgets().unlimited()).isFalse();
    }

    @Test
    void theAgentsDailyBudgetIsUnlimitedUnlessSet() {
        assertThat(UsageConfig.fromEnvironment().agentDaily()).isNull();

        System.setProperty("LUMEN_BUDGET_AGENT_DAILY_USD", "2.50");

        assertThat(UsageConfig.fromEnvironment().agentDaily()).isEqualByComparingTo("2.5");
        System.setProperty("LUMEN_BUDGET_AGENT_DAILY_USD", "lots");
        assertThatThrownBy(UsageConfig::fromEnvironment).hasMessageContaining("LUMEN_BUDGET_AGENT_DAILY_USD");
    }

    @Test
    void badPricesOrBudgetsFailFastNamingTheVariable() {
        System.setProperty("LUMEN_MODEL_PRICES", "{\"acme\":{\"input\":\"cheap\"}}");
        assertThatThrownBy(UsageConfig::fromEnvironment).hasMessageContaining("LUMEN_MODEL_PRICES");
        System.clearProperty("LUMEN_MODEL_PRICES");
        System.setProperty("LUMEN_BUDGET_CREATOR_DAILY_USD", "-1");
        assertThatThrownBy(UsageConfig::fromEnvironment).hasMessageContaining("LUMEN_BUDGET_CREATOR_DAILY_USD");
    }
}
