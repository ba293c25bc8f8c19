package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.usage.Account;
import dev.lumen.domain.usage.ChargedCall;
import dev.lumen.domain.usage.DayUsage;
import dev.lumen.domain.usage.UsageLedger;
import dev.lumen.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UsageLedger} must do. Ids are random per case, so cases can share a store. */
public abstract class UsageLedgerContract {
    private static final Instant DAY1 = Instant.parse("2026-11-30T23:59:59Z");
    private static final Instant DAY2 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant DAY2_LATER = Instant.parse("2026-12-01T17:30:00Z");

    private UsageLedger ledger;
    private String user;
    private String creator;

    protected abstract UsageLedger newLedger();

    @BeforeEach
    void create() {
        ledger = newLedger();
        user = "u-" + Ids.random();
        creator = "c-" + Ids.random();
    }

    @Test
    void sumsACallIntoTheUsersCreatorsAndPersonasDayAndMonth() {
        // GIVEN
        ChargedCall call = call(user, "ada", creator, 100, 20, "0.000050", DAY2);

        // WHEN
        boolean recorded = ledger.record(call);

        // THEN every account the call belongs to has it, on its UTC day and month
        UsageTotals one = new UsageTotals(1, 100, 20, new BigDecimal("0.00005"));
        assertThat(recorded).isTrue();
        assertThat(ledger.day(Account.user(user), LocalDate.parse("2026-12-01"))).isEqualTo(one);
        assertThat(ledger.day(Account.creator(creator), LocalDate.parse("2026-12-01"))).isEqualTo(one);
        assertThat(ledger.day(Account.persona(call.personaId()), LocalDate.parse("2026-12-01"))).isEqualTo(one);
        assertThat(ledger.month(Account.user(user), YearMonth.parse("2026-12"))).isEqualTo(one);
        assertThat(ledger.month(Account.creator(creator), YearMonth.parse("2026-11"))).isEqualTo(UsageTotals.ZERO);
        assertThat(ledger.day(Account.user(user), LocalDate.parse("2026-11-30"))).isEqualTo(UsageTotals.ZERO);
    }

    @Test
    void recordingTheSameCallIdAgainChangesNothing() {
        // GIVEN a call recorded once
        ChargedCall call = call(user, "ada", creator, 100, 20, "0.01", DAY2);
        ledger.record(call);

        // WHEN it comes again (an SQS redelivery)
        boolean again = ledger.record(call);

        // THEN
        assertThat(again).isFalse();
        assertThat(ledger.day(Account.user(user), LocalDate.parse("2026-12-01")).calls()).isEqualTo(1);
        assertThat(ledger.month(Account.creator(creator), YearMonth.parse("2026-12")).costUsd())
                .isEqualByComparingTo("0.01");
    }

    @Test
    void costsAddUpExactly() {
        // GIVEN ten calls of a tenth of a cent each
        for (int i = 0; i < 10; i++) {
            ledger.record(call(user, "ada", creator, 1, 1, "0.001", DAY2));
        }

        // WHEN / THEN exactly a cent: decimal, no floating-point drift
        assertThat(ledger.day(Account.user(user), LocalDate.parse("2026-12-01")).costUsd())
                .isEqualByComparingTo("0.01");
    }

    @Test
    void daysListEachDayWithItsPersonaBreakdownOldestFirst() {
        // GIVEN calls on two days, with two personas on the second
        String ada = "ada-" + Ids.random();
        String bo = "bo-" + Ids.random();
        ledger.record(call(user, ada, creator, 10, 1, "0.1", DAY1));
        ledger.record(call(user, ada, creator, 20, 2, "0.2", DAY2));
        ledger.record(call(user, bo, creator, 30, 3, "0.3", DAY2_LATER));
        ledger.record(call("someone-else-" + Ids.random(), ada, creator, 40, 4, "0.4", DAY2));

        // WHEN
        List<DayUsage> days = ledger.days(Account.user(user), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-31"));

        // THEN
        assertThat(days).containsExactly(
                new DayUsage(LocalDate.parse("2026-11-30"), null, new UsageTotals(1, 10, 1, new BigDecimal("0.1"))),
                new DayUsage(LocalDate.parse("2026-11-30"), ada, new UsageTotals(1, 10, 1, new BigDecimal("0.1"))),
                new DayUsage(LocalDate.parse("2026-12-01"), null, new UsageTotals(2, 50, 5, new BigDecimal("0.5"))),
                new DayUsage(LocalDate.parse("2026-12-01"), ada, new UsageTotals(1, 20, 2, new BigDecimal("0.2"))),
                new DayUsage(LocalDate.parse("2026-12-01"), bo, new UsageTotals(1, 30, 3, new BigDecimal("0.3"))));
        // AND the creator sees both users' calls
        assertThat(ledger.days(Account.creator(creator), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01")))
                .first().extracting(d -> d.totals().calls()).isEqualTo(3L);
    }

    @Test
    void daysOutsideTheRangeAreLeftOut() {
        // GIVEN
        ledger.record(call(user, "ada", creator, 10, 1, "0.1", DAY1));
        ledger.record(call(user, "ada", creator, 20, 2, "0.2", DAY2));

        // WHEN / THEN
        assertThat(ledger.days(Account.user(user), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01")))
                .extracting(DayUsage::day).containsOnly(LocalDate.parse("2026-12-01"));
        assertThat(ledger.days(Account.user(user), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-29"))).isEmpty();
    }

    @Test
    void anonymousCallsAndCallsWithoutPersonaOrCreatorAreCounted() {
        // GIVEN a knowledge answer: no user, no persona
        ChargedCall call = new ChargedCall(Ids.random(), null, null, creator, "m", new Usage(5, 6), new BigDecimal("0.02"), DAY2);

        // WHEN
        ledger.record(call);

        // THEN the creator is charged, with no persona rows
        assertThat(ledger.days(Account.creator(creator), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01")))
                .containsExactly(new DayUsage(LocalDate.parse("2026-12-01"), null, new UsageTotals(1, 5, 6, new BigDecimal("0.02"))));
        assertThat(ledger.day(Account.user(ChargedCall.ANONYMOUS_USER), LocalDate.parse("2026-12-01")).calls())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAgentsCallIsChargedToTheAgentAloneOncePerReceipt() {
        // GIVEN an examination answer of an agent: no user, creator or persona
        String agent = "agent-" + Ids.random();
        UsageTotals anonymousBefore = ledger.day(Account.user(ChargedCall.ANONYMOUS_USER), LocalDate.parse("2026-12-01"));
        ChargedCall call = ChargedCall.forAgent("agent:" + agent + ":answer:kv-basic-01:1", agent,
                "anthropic.claude-3-haiku-20240307-v1:0", new Usage(3600, 200), new BigDecimal("0.00115"), DAY2);

        // WHEN it is recorded, then recorded again (a redelivered run)
        boolean first = ledger.record(call);
        boolean again = ledger.record(call);

        // THEN the agent's day and month have it once, with no persona rows; no user account paid
        UsageTotals one = new UsageTotals(1, 3600, 200, new BigDecimal("0.00115"));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(ledger.day(Account.agent(agent), LocalDate.parse("2026-12-01"))).isEqualTo(one);
        assertThat(ledger.month(Account.agent(agent), YearMonth.parse("2026-12"))).isEqualTo(one);
        assertThat(ledger.days(Account.agent(agent), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01")))
                .containsExactly(new DayUsage(LocalDate.parse("2026-12-01"), null, one));
        assertThat(ledger.day(Account.user(ChargedCall.ANONYMOUS_USER), LocalDate.parse("2026-12-01")))
                .isEqualTo(anonymousBefore);
    }

    @Test
    void concurrentCallsOfOneUserAreAllCounted() {
        // GIVEN eight calls recorded at once
        List<CompletableFuture<Boolean>> running = new ArrayList<>();
        IntStream.range(0, 8).forEach(i -> running.add(CompletableFuture.supplyAsync(
                () -> ledger.record(call(user, "ada", creator, 1, 1, "0.001", DAY2)))));

        // WHEN
        running.forEach(CompletableFuture::join);

        // THEN
        assertThat(ledger.day(Account.user(user), LocalDate.parse("2026-12-01")))
                .isEqualTo(new UsageTotals(8, 8, 8, new BigDecimal("0.008")));
    }

    @Test
    void erasingAUserRemovesTheirDetailButNotTheCreatorsTotals() {
        // GIVEN two calls of the user on two days
        ledger.record(call(user, "ada", creator, 10, 1, "0.1", DAY1));
        ledger.record(call(user, "ada", creator, 20, 2, "0.2", DAY2));

        // WHEN
        int removed = ledger.eraseUser(user);

        // THEN nothing of the user is left; the creator still paid for both
        assertThat(removed).isPositive();
        assertThat(ledger.days(Account.user(user), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-31"))).isEmpty();
        assertThat(ledger.month(Account.user(user), YearMonth.parse("2026-12"))).isEqualTo(UsageTotals.ZERO);
        assertThat(ledger.month(Account.creator(creator), YearMonth.parse("2026-12")).calls()).isEqualTo(1);
        assertThat(ledger.month(Account.creator(creator), YearMonth.parse("2026-11")).calls()).isEqualTo(1);
        assertThat(ledger.eraseUser("nobody-" + Ids.random())).isZero();
    }

    private static ChargedCall call(String user, String persona, String creator, int in, int out, String cost, Instant at) {
        return new ChargedCall(Ids.random(), user, persona, creator, "anthropic.claude-3-haiku-20240307-v1:0",
                new Usage(in, out), new BigDecimal(cost), at);
    }
}
