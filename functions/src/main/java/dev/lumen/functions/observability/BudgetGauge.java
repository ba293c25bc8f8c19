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
 * The ledger the budget checks read ({@link dev.lumen.domain.usage.Budgets} for users and creators,
 * {@link dev.lumen.domain.usage.AgentModelMeter} for agents), reporting on the way how much of each
 * checked budget is spent ({@link Metrics#budgetUse}, one {@code Budget} dimension value per
 * {@link Budget}). A check already reads the day's or month's total before every model call, so
 * the gauge costs no extra read; a budget with no limit configured reports nothing.
 */
public final class BudgetGauge implements UsageLedger {

    /** Every budget the ledger enforces, as the {@code Budget} dimension names it. */
    public enum Budget {
        USER_DAILY("user-daily", Account.Kind.USER),
        USER_MONTHLY("user-monthly", Account.Kind.USER),
        CREATOR_DAILY("creator-daily", Account.Kind.CREATOR),
        CREATOR_MONTHLY("creator-monthly", Account.Kind.CREATOR),
        AGENT_DAILY("agent-daily", Account.Kind.AGENT);

        private final String dimension;
        private final Account.Kind kind;

        Budget(String dimension, Account.Kind kind) {
            this.dimension = dimension;
            this.kind = kind;
        }

        public String dimension() {
            return dimension;
        }

        public Account.Kind kind() {
            return kind;
        }
    }

    private final UsageLedger ledger;
    private final BudgetLimits limits;
    private final BigDecimal agentDaily;
    private final Metrics metrics;

    public BudgetGauge(UsageLedger ledger, BudgetLimits limits, Metrics metrics) {
        this(ledger, limits, null, metrics);
    }

    /** @param agentDaily USD per agent per UTC day; null when agents have no budget */
    public BudgetGauge(UsageLedger ledger, BudgetLimits limits, BigDecimal agentDaily, Metrics metrics) {
        this.ledger = ledger;
        this.limits = limits;
        this.agentDaily = agentDaily;
        this.metrics = metrics;
    }

    @Override
    public UsageTotals day(Account account, LocalDate day) {
        UsageTotals totals = ledger.day(account, day);
        switch (account.kind()) {
            case USER -> report(Budget.USER_DAILY, limits.userDaily(), totals, account);
            case CREATOR -> report(Budget.CREATOR_DAILY, limits.creatorDaily(), totals, account);
            case AGENT -> report(Budget.AGENT_DAILY, agentDaily, totals, account);
            default -> { }
        }
        return totals;
    }

    @Override
    public UsageTotals month(Account account, YearMonth month) {
        UsageTotals totals = ledger.month(account, month);
        switch (account.kind()) {
            case USER -> report(Budget.USER_MONTHLY, limits.userMonthly(), totals, account);
            case CREATOR -> report(Budget.CREATOR_MONTHLY, limits.creatorMonthly(), totals, account);
            default -> { }
        }
        return totals;
    }

    private void report(Budget budget, BigDecimal limit, UsageTotals totals, Account account) {
        if (limit != null && limit.signum() > 0) {
            double fraction = totals.costUsd().divide(limit, MathContext.DECIMAL64).doubleValue();
            metrics.budgetUse(budget, fraction, account.id());
        }
    }

    @Override
    public boolean record(ChargedCall call) {
        return ledger.record(call);
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
