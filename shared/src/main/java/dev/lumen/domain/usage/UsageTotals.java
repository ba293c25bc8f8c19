package dev.lumen.domain.usage;

import java.math.BigDecimal;

/**
 * Model calls, tokens and their cost, summed.
 *
 * @param costUsd exact, in US dollars
 */
public record UsageTotals(long calls, long inputTokens, long outputTokens, BigDecimal costUsd) {
    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, BigDecimal.ZERO);

    public UsageTotals {
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd.stripTrailingZeros();
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(calls + other.calls, inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                costUsd.add(other.costUsd));
    }
}
