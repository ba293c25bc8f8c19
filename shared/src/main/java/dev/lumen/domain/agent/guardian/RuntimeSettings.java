package dev.lumen.domain.agent.guardian;

import dev.lumen.domain.usage.BudgetLimits;

/**
 * The running configuration as far as security goes, for the Guardian to check.
 *
 * @param authentication     {@code jwt} (tokens verified) or {@code off} (every caller is a dev admin; local only)
 * @param rateLimitPerMinute requests per user per minute; 0 when rate limiting is off
 * @param corsAllowOrigin    the origin browsers may call from; null when this function is not told
 * @param budgets            spending limits; unlimited when none is set
 * @param stage              {@code dev}, {@code prod}, … (a risky setting matters more in production)
 */
public record RuntimeSettings(String authentication, int rateLimitPerMinute, String corsAllowOrigin,
                              BudgetLimits budgets, String stage) {

    public RuntimeSettings {
        authentication = authentication == null ? "jwt" : authentication;
        budgets = budgets == null ? BudgetLimits.UNLIMITED : budgets;
        stage = stage == null ? "dev" : stage;
    }

    public boolean production() {
        return stage.toLowerCase(java.util.Locale.ROOT).startsWith("prod");
    }
}
