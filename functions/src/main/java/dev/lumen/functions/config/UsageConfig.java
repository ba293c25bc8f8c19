package dev.lumen.functions.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.domain.usage.BudgetLimits;
import dev.lumen.domain.usage.ModelPrices;
import dev.lumen.domain.usage.Price;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Prices and budgets, read from the environment.
 *
 * <ul>
 *   <li>{@code LUMEN_MODEL_PRICES}: JSON {@code {"model-id": {"input": 0.00025, "output": 0.00125}}},
 *       USD per 1k tokens, added to (or replacing) the built-in table ({@link ModelPrices#defaults()}).</li>
 *   <li>{@code LUMEN_BUDGET_USER_DAILY_USD}, {@code LUMEN_BUDGET_USER_MONTHLY_USD},
 *       {@code LUMEN_BUDGET_CREATOR_DAILY_USD}, {@code LUMEN_BUDGET_CREATOR_MONTHLY_USD}: USD; unset or 0
 *       is unlimited.</li>
 *   <li>{@code LUMEN_BUDGET_AGENT_DAILY_USD}: USD per agent per UTC day for the model calls of its cycles
 *       and custody examinations; unset or 0 is unlimited.</li>
 * </ul>
 *
 * @param agentDaily null when unlimited
 */
public record UsageConfig(ModelPrices prices, BudgetLimits budgets, BigDecimal agentDaily) {

    public static UsageConfig fromEnvironment() {
        ModelPrices prices = ModelPrices.defaults();
        Optional<String> overrides = Environment.optional("LUMEN_MODEL_PRICES");
        if (overrides.isPresent()) {
            prices = prices.with(parsePrices(overrides.get()));
        }
        return new UsageConfig(prices, new BudgetLimits(usd("LUMEN_BUDGET_USER_DAILY_USD"),
                usd("LUMEN_BUDGET_USER_MONTHLY_USD"), usd("LUMEN_BUDGET_CREATOR_DAILY_USD"),
                usd("LUMEN_BUDGET_CREATOR_MONTHLY_USD")), usd("LUMEN_BUDGET_AGENT_DAILY_USD"));
    }

    static Map<String, Price> parsePrices(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Map<String, Price> prices = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode input = entry.getValue().path("input");
                JsonNode output = entry.getValue().path("output");
                if (!input.isNumber() || !output.isNumber()) {
                    throw new IllegalArgumentException("'" + entry.getKey() + "' needs numeric input and output");
                }
                prices.put(entry.getKey(), new Price(input.decimalValue(), output.decimalValue()));
            }
            return prices;
        } catch (Exception e) {
            throw new IllegalStateException("LUMEN_MODEL_PRICES must be JSON like {\"model-id\":{\"input\":0.00025,"
                    + "\"output\":0.00125}} (USD per 1k tokens): " + e.getMessage(), e);
        }
    }

    private static BigDecimal usd(String name) {
        Optional<String> value = Environment.optional(name);
        if (value.isEmpty()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value.get());
            if (amount.signum() >= 0) {
                return amount;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(name + " must be an amount in US dollars (0 = unlimited), not '" + value.get() + "'");
    }
}
