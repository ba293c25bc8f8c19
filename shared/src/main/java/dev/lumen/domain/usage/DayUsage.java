package dev.lumen.domain.usage;

import java.time.LocalDate;

/**
 * An account's usage on one UTC day: in all ({@code personaId} null) or with one persona.
 */
public record DayUsage(LocalDate day, String personaId, UsageTotals totals) {
}
