package dev.lumen.domain.usage;

import dev.lumen.domain.chat.Usage;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The price table: model id → {@link Price}. A model id may carry a cross-region inference prefix
 * ({@code us.}, {@code eu.}, {@code apac.}, {@code global.}); it is priced as the model it routes to.
 * A model not in the table costs {@link #unknown()} (zero unless configured), and the cost report
 * still shows its tokens.
 */
public final class ModelPrices {
    private static final String[] ROUTING_PREFIXES = {"us.", "eu.", "apac.", "global.", "us-gov."};

    private final Map<String, Price> prices;
    private final Price unknown;

    public ModelPrices(Map<String, Price> prices, Price unknown) {
        this.prices = Map.copyOf(prices);
        this.unknown = unknown;
    }

    /**
     * On-demand Bedrock list prices (us-east-1, USD per 1k tokens, as published in 2025) of the
     * chat models Lumen is commonly run with; the offline model and the graceful fallback reply are free.
     * Override or extend them with {@code LUMEN_MODEL_PRICES}.
     */
    public static ModelPrices defaults() {
        Map<String, Price> table = new HashMap<>();
        table.put("anthropic.claude-3-haiku-20240307-v1:0", Price.of("0.00025", "0.00125"));
        table.put("anthropic.claude-3-5-haiku-20241022-v1:0", Price.of("0.0008", "0.004"));
        table.put("anthropic.claude-3-sonnet-20240229-v1:0", Price.of("0.003", "0.015"));
        table.put("anthropic.claude-3-5-sonnet-20240620-v1:0", Price.of("0.003", "0.015"));
        table.put("anthropic.claude-3-5-sonnet-20241022-v2:0", Price.of("0.003", "0.015"));
        table.put("anthropic.claude-3-7-sonnet-20250219-v1:0", Price.of("0.003", "0.015"));
        table.put("amazon.nova-micro-v1:0", Price.of("0.000035", "0.00014"));
        table.put("amazon.nova-lite-v1:0", Price.of("0.00006", "0.00024"));
        table.put("amazon.nova-pro-v1:0", Price.of("0.0008", "0.0032"));
        table.put("meta.llama3-1-8b-instruct-v1:0", Price.of("0.00022", "0.00022"));
        table.put("meta.llama3-1-70b-instruct-v1:0", Price.of("0.00072", "0.00072"));
        table.put("mistral.mistral-small-2402-v1:0", Price.of("0.001", "0.003"));
        table.put("lumen-offline", Price.FREE);
        table.put("fallback", Price.FREE);
        return new ModelPrices(table, Price.FREE);
    }

    /** This table with {@code overrides} added (an override replaces a model's default price). */
    public ModelPrices with(Map<String, Price> overrides) {
        Map<String, Price> merged = new HashMap<>(prices);
        merged.putAll(overrides);
        return new ModelPrices(merged, unknown);
    }

    public Price priceOf(String modelId) {
        if (modelId == null) {
            return unknown;
        }
        Price price = prices.get(modelId);
        if (price != null) {
            return price;
        }
        String lower = modelId.toLowerCase(Locale.ROOT);
        for (String prefix : ROUTING_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return prices.getOrDefault(modelId.substring(prefix.length()), unknown);
            }
        }
        return unknown;
    }

    public BigDecimal cost(String modelId, Usage usage) {
        return priceOf(modelId).cost(usage == null ? Usage.NONE : usage);
    }

    public Price unknown() {
        return unknown;
    }
}
