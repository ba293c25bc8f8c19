package dev.lumen.fakes;

import dev.lumen.domain.usage.Account;
import dev.lumen.domain.usage.ChargedCall;
import dev.lumen.domain.usage.DayUsage;
import dev.lumen.domain.usage.UsageLedger;
import dev.lumen.domain.usage.UsageTotals;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@link UsageLedger} in memory: the recorded calls, summed on every read. */
public final class InMemoryUsageLedger implements UsageLedger {
    private final Set<String> recorded = new HashSet<>();
    private final List<ChargedCall> calls = new ArrayList<>();

    @Override
    public synchronized boolean record(ChargedCall call) {
        if (!recorded.add(call.callId())) {
            return false;
        }
        calls.add(call);
        return true;
    }

    @Override
    public synchronized UsageTotals day(Account account, LocalDate day) {
        UsageTotals sum = UsageTotals.ZERO;
        for (ChargedCall call : calls) {
            if (charges(call, account) && day(call).equals(day)) {
                sum = sum.plus(call.totals());
            }
        }
        return sum;
    }

    @Override
    public synchronized UsageTotals month(Account account, YearMonth month) {
        UsageTotals sum = UsageTotals.ZERO;
        for (ChargedCall call : calls) {
            if (charges(call, account) && YearMonth.from(day(call)).equals(month)) {
                sum = sum.plus(call.totals());
            }
        }
        return sum;
    }

    @Override
    public synchronized List<DayUsage> days(Account account, LocalDate from, LocalDate to) {
        Map<LocalDate, UsageTotals> all = new TreeMap<>();
        Map<LocalDate, Map<String, UsageTotals>> byPersona = new TreeMap<>();
        for (ChargedCall call : calls) {
            LocalDate day = day(call);
            if (!charges(call, account) || day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            all.merge(day, call.totals(), UsageTotals::plus);
            if (call.personaId() != null && account.kind() != Account.Kind.PERSONA) {
                byPersona.computeIfAbsent(day, d -> new TreeMap<>()).merge(call.personaId(), call.totals(), UsageTotals::plus);
            }
        }
        List<DayUsage> rows = new ArrayList<>();
        all.forEach((day, totals) -> {
            rows.add(new DayUsage(day, null, totals));
            byPersona.getOrDefault(day, Map.of()).forEach((persona, t) -> rows.add(new DayUsage(day, persona, t)));
        });
        return List.copyOf(rows);
    }

    @Override
    public synchronized int eraseUser(String userId) {
        // The user's rows go; creators' and personas' totals keep the calls, now without a user.
        List<ChargedCall> kept = new ArrayList<>();
        int removed = 0;
        for (ChargedCall call : calls) {
            if (userId.equals(call.chargedUser())) {
                removed++;
                kept.add(new ChargedCall(call.callId(), "~erased", call.personaId(), call.creatorId(), call.model(),
                        call.usage(), call.costUsd(), call.at()));
            } else {
                kept.add(call);
            }
        }
        calls.clear();
        calls.addAll(kept);
        return removed;
    }

    private static LocalDate day(ChargedCall call) {
        return LocalDate.ofInstant(call.at(), ZoneOffset.UTC);
    }

    private static boolean charges(ChargedCall call, Account account) {
        return call.accounts().contains(account);
    }
}
