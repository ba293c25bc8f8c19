package dev.lumen.domain.usage;

import dev.lumen.domain.chat.Usage;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What a model charges, in US dollars per 1,000 input and per 1,000 output tokens.
 */
public record Price(BigDecimal inputPer1k, BigDecimal outputPer1k) {
    public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

    public Price {
        if (inputPer1k.signum() < 0 || outputPer1k.signum() < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    public static Price of(String inputPer1k, String outputPer1k) {
        return new Price(new BigDecimal(inputPer1k), new BigDecimal(outputPer1k));
    }

    /** The exact cost of one call (decimal, no rounding: DynamoDB Numbers hold 38 digits). */
    public BigDecimal cost(Usage usage) {
        BigDecimal in = inputPer1k.multiply(BigDecimal.valueOf(usage.inputTokens()));
        BigDecimal out = outputPer1k.multiply(BigDecimal.valueOf(usage.outputTokens()));
        return in.add(out).divide(THOUSAND, MathContext.DECIMAL128).stripTrailingZeros();
    }
}
