package dev.lumen.functions.config;

import dev.lumen.domain.snapshot.Snapshots;
import java.time.Duration;

/**
 * Snapshot settings, read once at start.
 *
 * @param keep   versions kept per (kind, id) ({@code LUMEN_SNAPSHOT_KEEP}, default 100); older ones are pruned
 * @param window how far back the schedule looks for activity: twice the period of
 *               {@code LUMEN_SNAPSHOT_SCHEDULE} (the template's {@code SnapshotSchedule}, default
 *               {@code rate(5 minutes)}), so a late run misses nothing; a cron schedule looks back one day.
 *               Overlap costs nothing: unchanged states are not stored again.
 */
public record SnapshotConfig(int keep, Duration window) {
    public static final String KEEP = "LUMEN_SNAPSHOT_KEEP";
    public static final String SCHEDULE = "LUMEN_SNAPSHOT_SCHEDULE";

    public static SnapshotConfig fromEnvironment() {
        int keep = Environment.wholeNumber(KEEP, Snapshots.DEFAULT_KEEP, 1);
        String schedule = Environment.optional(SCHEDULE).orElse("rate(5 minutes)");
        Duration window;
        try {
            window = AgentConfig.rate(schedule).map(p -> p.multipliedBy(2)).orElse(Duration.ofDays(1));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(SCHEDULE + " must be rate(<n> minutes|hours|days) or cron(...), not '"
                    + schedule + "'", e);
        }
        return new SnapshotConfig(keep, window);
    }
}
