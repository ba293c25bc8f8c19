package dev.lumen.domain.usage;

import dev.lumen.domain.error.BudgetExceededException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Enforces {@link BudgetLimits} before a model call: a user or creator whose spending today (UTC)
 * or this month has reached its limit gets a {@link BudgetExceededException} instead of a call.
 * With no limits set it reads nothing, so it costs the chat path nothing.
 *
 * <p>The check reads totals the interaction worker keeps, a second or so behind: a burst of
 * concurrent chats can overshoot a budget by the calls in flight. That is the price of keeping the
 * accounting off the chat path; budgets here are guard rails, not billing.
 */
public final class Budgets {
    /** No limits: every call goes through. */
    public static final Budgets UNLIMITED = new Budgets(null, BudgetLimits.UNLIMITED);

    private final UsageLedger ledger;
    private final BudgetLimits limits;

    public Budgets(UsageLedger ledger, BudgetLimits limits) {
        this.ledger = ledger;
        this.limits = limits;
    }

    public BudgetLimits limits() {
        return limits;
    }

    /**
     * @param userId    null for an anonymous chat (only the creator's budget applies)
     * @param creatorId null when no creator is charged
     * @throws BudgetExceededException when a budget is used up
     */
    public void check(String userId, String creatorId, Instant now) {
        if (limits.unlimited()) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (userId != null) {
            check(Account.user(userId), "user", limits.userDaily(), limits.userMonthly(), today, now);
        }
        if (creatorId != null) {
            check(Account.creator(creatorId), "creator", limits.creatorDaily(), limits.creatorMonthly(), today, now);
        }
    }

    private void check(Account account, String who, BigDecimal daily, BigDecimal monthly, LocalDate today, Instant now) {
        if (daily != null && ledger.day(account, today).costUsd().compareTo(daily) >= 0) {
            throw exceeded("daily", daily, who, account.id(), today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), now);
        }
        if (monthly != null) {
            YearMonth month = YearMonth.from(today);
            if (ledger.month(account, month).costUsd().compareTo(monthly) >= 0) {
                throw exceeded("monthly", monthly, who, account.id(),
                        month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), now);
            }
        }
    }

    private static BudgetExceededException exceeded(String period, BigDecimal limit, String who, String id,
                                                    Instant resetsAt, Instant now) {
        String amount = limit.setScale(Math.max(2, limit.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
                .toPlainString();
        return new BudgetExceededException("the " + period + " budget of $" + amount + " for " + who + " '" + id
                + "' is reached; it resets at " + resetsAt, resetsAt, Duration.between(now, resetsAt));
    }
}
