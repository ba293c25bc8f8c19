package dev.lumen.domain.usage;

import java.math.BigDecimal;

/**
 * Spending limits in US dollars; null or zero means unlimited.
 */
public record BudgetLimits(BigDecimal userDaily, BigDecimal userMonthly, BigDecimal creatorDaily,
                           BigDecimal creatorMonthly) {
    public static final BudgetLimits UNLIMITED = new BudgetLimits(null, null, null, null);

    public BudgetLimits {
        userDaily = limit(userDaily);
        userMonthly = limit(userMonthly);
        creatorDaily = limit(creatorDaily);
        creatorMonthly = limit(creatorMonthly);
    }

    public boolean unlimited() {
        return userDaily == null && userMonthly == null && creatorDaily == null && creatorMonthly == null;
    }

    private static BigDecimal limit(BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException("a budget cannot be negative: " + value);
        }
        return value == null || value.signum() == 0 ? null : value;
    }
}
