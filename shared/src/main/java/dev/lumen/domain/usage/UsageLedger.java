package dev.lumen.domain.usage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * Port: model usage and its cost, summed per user, creator and persona, per UTC day and month,
 * with a per-persona breakdown of each user's and creator's days.
 */
public interface UsageLedger {

    /**
     * Adds one call to every total it belongs to, atomically and at most once per
     * {@link ChargedCall#callId()}.
     *
     * @return false when this call id was recorded before (nothing changed)
     */
    boolean record(ChargedCall call);

    /** The account's totals on one day; {@link UsageTotals#ZERO} when nothing was spent. */
    UsageTotals day(Account account, LocalDate day);

    /** The account's totals in one month. */
    UsageTotals month(Account account, YearMonth month);

    /**
     * The account's days from {@code from} to {@code to} inclusive, oldest first; for each day with
     * usage, the all-persona row first, then one row per persona (users and creators only), by persona id.
     */
    List<DayUsage> days(Account account, LocalDate from, LocalDate to);

    /**
     * Erases a user's own usage detail (their days, months and per-persona rows). The creators' and
     * personas' totals keep the user's share: they are aggregates that name no user.
     *
     * @return how many items were removed
     */
    int eraseUser(String userId);
}
