package dev.lumen.functions.observability;

import dev.lumen.domain.usage.Account;
import dev.lumen.domain.usage.BudgetLimits;
import dev.lumen.domain.usage.ChargedCall;
import dev.lumen.domain.usage.DayUsage;
import dev.lumen.domain.usage.UsageLedger;
import dev.lumen.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The ledger {@link dev.lumen.domain.usage.Budgets} reads, reporting on the way how much of the
 * daily budget each checked account has spent ({@link Metrics#budgetUse}). The budget check
 * already reads the day's total before every model call, so the gauge costs no extra read; with
 * no daily limit configured it reports nothing.
 */
public final class BudgetGauge implements UsageLedger {
    private final UsageLedger ledger;
    private final BudgetLimits limits;
    private final Metrics metrics;

    public BudgetGauge(UsageLedger ledger, BudgetLimits limits, Metrics metrics) {
        this.ledger = ledger;
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public UsageTotals day(Account account, LocalDate day) {
        UsageTotals totals = ledger.day(account, day);
        BigDecimal limit = switch (account.kind()) {
            case USER -> limits.userDaily();
            case CREATOR -> limits.creatorDaily();
            default -> null;
        };
        if (limit != null && limit.signum() > 0) {
            double fraction = totals.costUsd().divide(limit, MathContext.DECIMAL64).doubleValue();
            metrics.budgetUse(account.kind() == Account.Kind.USER ? "user" : "creator", fraction,
                    account.kind() == Account.Kind.CREATOR ? account.id() : null);
        }
        return totals;
    }

    @Override
    public boolean record(ChargedCall call) {
        return ledger.record(call);
    }

    @Override
    public UsageTotals month(Account account, YearMonth month) {
        return ledger.month(account, month);
    }

    @Override
    public List<DayUsage> days(Account account, LocalDate from, LocalDate to) {
        return ledger.days(account, from, to);
    }

    @Override
    public int eraseUser(String userId) {
        return ledger.eraseUser(userId);
    }
}
