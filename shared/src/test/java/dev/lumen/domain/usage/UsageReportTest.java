package dev.lumen.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.chat.Usage;
import dev.lumen.fakes.InMemoryUsageLedger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UsageReportTest {
    @Test
    void aYearIsAllowedAndSumsDaysPersonasAndTotals() {
        // GIVEN calls at both ends of a 366-day range
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        ledger.record(new ChargedCall("a", "u1", "ada", "c", "m", new Usage(1, 2), new BigDecimal("0.5"),
                Instant.parse("2024-01-01T00:00:00Z")));
        ledger.record(new ChargedCall("b", "u1", "bo", "c", "m", new Usage(3, 4), new BigDecimal("0.25"),
                Instant.parse("2024-12-31T23:59:59Z")));
        UsageReport report = new UsageReport(ledger, Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

        // WHEN
        UsageReport.Result result = report.report("u1", null, "2024-01-01", "2024-12-31");

        // THEN
        assertThat(result.days()).extracting(UsageReport.Day::date)
                .containsExactly(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"));
        assertThat(result.totals()).isEqualTo(new UsageTotals(2, 4, 6, new BigDecimal("0.75")));
        assertThat(result.personas()).extracting(UsageReport.PersonaUsage::personaId).containsExactly("ada", "bo");
    }
}
