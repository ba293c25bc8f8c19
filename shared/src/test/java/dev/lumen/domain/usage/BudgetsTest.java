package dev.lumen.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.BudgetExceededException;
import dev.lumen.fakes.InMemoryUsageLedger;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetsTest {
    private static final Instant NOW = Instant.parse("2026-12-07T18:00:00Z");
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();

    @Test
    void aUserAtTheDailyLimitIsStoppedUntilMidnightUtc() {
        // GIVEN 50 cents spent today against a 50-cent daily limit
        spend("u1", "c1", "0.50", NOW.minusSeconds(3_600));
        Budgets budgets = new Budgets(ledger, new BudgetLimits(new BigDecimal("0.5"), null, null, null));

        // WHEN
        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> budgets.check("u1", "c1", NOW));

        // THEN
        assertThat(e.code()).isEqualTo("budget_exceeded");
        assertThat(e.getMessage()).isEqualTo(
                "the daily budget of $0.50 for user 'u1' is reached; it resets at 2026-12-08T00:00:00Z");
        assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void yesterdaysSpendingDoesNotCountTodayButDoesThisMonth() {
        // GIVEN a dollar spent yesterday
        spend("u1", "c1", "1", NOW.minus(Duration.ofDays(1)));

        // WHEN / THEN the daily limit is fresh, the monthly one is reached and resets on the 1st
        assertThatCode(() -> new Budgets(ledger, new BudgetLimits(BigDecimal.ONE, null, null, null))
                .check("u1", "c1", NOW)).doesNotThrowAnyException();
        BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                () -> new Budgets(ledger, new BudgetLimits(null, BigDecimal.ONE, null, null)).check("u1", "c1", NOW));
        assertThat(e.getMessage()).contains("monthly budget of $1.00 for user 'u1'")
                .contains("resets at 2027-01-01T00:00:00Z");
    }

    @Test
    void aCreatorsBudgetCoversAllItsUsersAndAnonymousChats() {
        // GIVEN two users of creator c1 spent 3 cents together
        spend("u1", "c1", "0.01", NOW);
        spend("u2", "c1", "0.02", NOW);
        Budgets budgets = new Budgets(ledger, new BudgetLimits(null, null, new BigDecimal("0.03"), null));

        // WHEN / THEN anyone chatting with c1's personas is stopped, even anonymously; another creator's are not
        assertThat(catchThrowableOfType(BudgetExceededException.class, () -> budgets.check(null, "c1", NOW))
                .getMessage()).contains("for creator 'c1'");
        assertThatCode(() -> budgets.check("u1", "c2", NOW)).doesNotThrowAnyException();
    }

    @Test
    void zeroOrUnsetMeansUnlimitedAndReadsNothing() {
        // GIVEN no ledger at all: a read would fail
        Budgets none = new Budgets(null, new BudgetLimits(BigDecimal.ZERO, null, BigDecimal.ZERO, null));

        // WHEN / THEN
        assertThat(none.limits().unlimited()).isTrue();
        assertThatCode(() -> none.check("u1", "c1", NOW)).doesNotThrowAnyException();
    }

    private void spend(String user, String creator, String usd, Instant at) {
        ledger.record(new ChargedCall(dev.lumen.domain.Ids.random(), user, "p1", creator, "m", new Usage(1, 1),
                new BigDecimal(usd), at));
    }
}
