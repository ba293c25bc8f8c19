package dev.lumen.domain.proactive;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses when a proactive message is delivered: at the hour of day the user is usually active (the
 * most frequent local hour of their turns; on a tie the earlier hour), at its next occurrence that
 * lies outside the quiet hours and inside the delivery window; when there is none (no turns, or that
 * hour is quiet), as soon as the quiet hours allow. Messages land when the user is likely to read
 * them and never wake anyone.
 */
public final class DeliveryTime {
    private final ProactiveSettings settings;

    public DeliveryTime(ProactiveSettings settings) {
        this.settings = settings;
    }

    public Instant choose(List<Instant> turns, ZoneId zone, Instant now) {
        Instant earliest = earliestNotQuiet(now, zone);
        Instant latest = now.plus(settings.deliveryWindow());
        Optional<Integer> usual = usualHour(turns, zone);
        if (usual.isPresent() && earliest.atZone(zone).getHour() == usual.get()) {
            return earliest; // inside the user's usual hour already
        }
        if (usual.isPresent()) {
            ZonedDateTime candidate = earliest.atZone(zone).truncatedTo(ChronoUnit.HOURS).withHour(usual.get());
            if (candidate.toInstant().isBefore(earliest)) {
                candidate = candidate.plusDays(1);
            }
            if (!settings.quiet(candidate.toLocalTime()) && !candidate.toInstant().isAfter(latest)) {
                return candidate.toInstant();
            }
        }
        return earliest;
    }

    /** The most frequent local hour of the turns; the earlier hour on a tie. */
    static Optional<Integer> usualHour(List<Instant> turns, ZoneId zone) {
        Map<Integer, Long> counts = turns.stream()
                .collect(Collectors.groupingBy(t -> t.atZone(zone).getHour(), Collectors.counting()));
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey);
    }

    /** {@code now}, or the end of the quiet hours when {@code now} is inside them. */
    private Instant earliestNotQuiet(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        if (!settings.quiet(local.toLocalTime())) {
            return now;
        }
        LocalTime end = settings.quietEnd();
        ZonedDateTime wake = local.with(end).truncatedTo(ChronoUnit.MINUTES);
        if (!wake.isAfter(local)) {
            wake = wake.plusDays(1);
        }
        return wake.toInstant();
    }
}
