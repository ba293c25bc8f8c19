package dev.lumen.domain.usage;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ValidationException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage report of {@code GET /api/usage}: one user's or one creator's usage per UTC day over a
 * date range, with totals and a per-persona breakdown.
 */
public final class UsageReport {
    /** The longest range one report covers, in days (a year, leap or not). */
    public static final int MAX_DAYS = 366;
    /** The default range: the last 30 days, today included. */
    public static final int DEFAULT_DAYS = 30;

    private final UsageLedger ledger;
    private final Clock clock;

    public UsageReport(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** One day's usage in all. */
    public record Day(LocalDate date, long calls, long inputTokens, long outputTokens, java.math.BigDecimal costUsd) {
        static Day of(DayUsage usage) {
            UsageTotals t = usage.totals();
            return new Day(usage.day(), t.calls(), t.inputTokens(), t.outputTokens(), t.costUsd());
        }
    }

    /** One persona's usage over the range. */
    public record PersonaUsage(String personaId, long calls, long inputTokens, long outputTokens,
                               java.math.BigDecimal costUsd) {
    }

    /** The report; exactly one of {@code userId} and {@code creatorId} is set. */
    public record Result(String userId, String creatorId, LocalDate from, LocalDate to, List<Day> days,
                         UsageTotals totals, List<PersonaUsage> personas) {
    }

    /**
     * @param from {@code YYYY-MM-DD}, or null: 29 days before {@code to}
     * @param to   {@code YYYY-MM-DD}, or null: today (UTC)
     */
    public Result report(String userId, String creatorId, String from, String to) {
        if ((userId == null) == (creatorId == null)) {
            throw new ValidationException("invalid_account", "give exactly one of 'userId' and 'creatorId'");
        }
        Account account = userId != null ? Account.user(Ids.require("userId", userId))
                : Account.creator(Ids.require("creatorId", creatorId));
        LocalDate end = to == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : date("to", to);
        LocalDate start = from == null ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (start.isAfter(end)) {
            throw new ValidationException("invalid_range", "'from' must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new ValidationException("invalid_range", "the range may span at most " + MAX_DAYS + " days");
        }
        List<Day> days = new ArrayList<>();
        UsageTotals totals = UsageTotals.ZERO;
        Map<String, UsageTotals> byPersona = new TreeMap<>();
        for (DayUsage row : ledger.days(account, start, end)) {
            if (row.personaId() == null) {
                days.add(Day.of(row));
                totals = totals.plus(row.totals());
            } else {
                byPersona.merge(row.personaId(), row.totals(), UsageTotals::plus);
            }
        }
        List<PersonaUsage> personas = new ArrayList<>(byPersona.size());
        byPersona.forEach((id, t) -> personas.add(new PersonaUsage(id, t.calls(), t.inputTokens(), t.outputTokens(),
                t.costUsd())));
        return new Result(userId, creatorId, start, end, List.copyOf(days), totals, List.copyOf(personas));
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException("invalid_date", "'" + name + "' must be a date as YYYY-MM-DD");
        }
    }
}
