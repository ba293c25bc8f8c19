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
 * The usage report of {@code GET /api/usage}: one user's, creator's or agent's usage per UTC day over
 * a date range, with totals and (users and creators) a per-persona breakdown.
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

    /** The report; exactly one of {@code userId}, {@code creatorId} and {@code agent} is set. */
    public record Result(String userId, String creatorId, String agent, LocalDate from, LocalDate to, List<Day> days,
                         UsageTotals totals, List<PersonaUsage> personas) {
    }

    /** A user's or a creator's report (see {@link #report(String, String, String, String, String)}). */
    public Result report(String userId, String creatorId, String from, String to) {
        return report(userId, creatorId, null, from, to);
    }

    /**
     * @param agent an agent's slug: the model calls of its cycles and examinations (no persona breakdown)
     * @param from  {@code YYYY-MM-DD}, or null: 29 days before {@code to}
     * @param to    {@code YYYY-MM-DD}, or null: today (UTC)
     */
    public Result report(String userId, String creatorId, String agent, String from, String to) {
        int named = (userId == null ? 0 : 1) + (creatorId == null ? 0 : 1) + (agent == null ? 0 : 1);
        if (named != 1) {
            throw new ValidationException("invalid_account", "give exactly one of 'userId', 'creatorId' and 'agent'");
        }
        Account account = userId != null ? Account.user(Ids.require("userId", userId))
                : creatorId != null ? Account.creator(Ids.require("creatorId", creatorId))
                : Account.agent(Ids.require("agent", agent));
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
        return new Result(userId, creatorId, agent, start, end, List.copyOf(days), totals, List.copyOf(personas));
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException("invalid_date", "'" + name + "' must be a date as YYYY-MM-DD");
        }
    }
}
