package dev.lumen.domain.proactive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a {@link BehaviourAnalysis} against the thresholds of {@link ProactiveSettings}. At most
 * one trigger per type fires (for the goal rules, the goal furthest past the threshold); the result
 * is ordered by priority, highest first. A user active within {@code minimumIdle} fires nothing:
 * they are talking to the persona already.
 */
public final class TriggerRules {
    /** Orders triggers: higher priority first, ties by type rank. */
    public static final Comparator<Trigger> BY_PRIORITY = Comparator.comparingDouble(Trigger::priority).reversed()
            .thenComparing(t -> -t.type().rank());

    private final ProactiveSettings settings;

    public TriggerRules(ProactiveSettings settings) {
        this.settings = settings;
    }

    public List<Trigger> evaluate(BehaviourAnalysis analysis) {
        Optional<Duration> idle = analysis.idle();
        if (idle.isPresent() && idle.get().compareTo(settings.minimumIdle()) < 0) {
            return List.of();
        }
        Instant now = analysis.at();
        List<Trigger> fired = new ArrayList<>();
        // Severity: how far past the threshold, relative to the threshold (x2 = severity 1).
        idle.filter(d -> d.compareTo(settings.inactivity()) >= 0).ifPresent(d -> fired.add(Trigger.of(
                TriggerType.INACTIVITY, ratio(d, settings.inactivity()) - 1.0,
                Map.of("idleHours", Long.toString(d.toHours()),
                        "abandonmentRisk", figure(analysis.abandonmentRisk())))));
        if (analysis.motivationDrop() > settings.motivationDrop()) {
            fired.add(Trigger.of(TriggerType.MOTIVATION_DROP, analysis.motivationDrop(),
                    Map.of("motivation", figure(analysis.motivation()),
                            "previousMotivation", figure(analysis.previousMotivation().getAsDouble()))));
        }
        analysis.goals().stream().filter(g -> !g.done() && g.deviation() > settings.goalDeviation())
                .max(Comparator.comparingDouble(GoalStatus::deviation))
                .ifPresent(g -> fired.add(Trigger.of(TriggerType.GOAL_DEVIATION, g.deviation(),
                        Map.of("goal", g.goal(), "progress", figure(g.progress()), "expected", figure(g.expected())))));
        analysis.goals().stream()
                .filter(g -> !g.done() && g.lastProgressAt() != null
                        && Duration.between(g.lastProgressAt(), now).compareTo(settings.stagnation()) >= 0)
                .min(Comparator.comparing(GoalStatus::lastProgressAt))
                .ifPresent(g -> {
                    Duration still = Duration.between(g.lastProgressAt(), now);
                    fired.add(Trigger.of(TriggerType.PROGRESS_STAGNATION, ratio(still, settings.stagnation()) - 1.0,
                            Map.of("goal", g.goal(), "daysWithoutProgress", Long.toString(still.toDays()))));
                });
        analysis.goals().stream()
                .filter(g -> !g.done() && g.milestoneDueAt() != null && g.milestoneDueAt().isAfter(now)
                        && !g.milestoneDueAt().isAfter(now.plus(settings.milestoneDue())))
                .min(Comparator.comparing(GoalStatus::milestoneDueAt))
                .ifPresent(g -> {
                    Duration left = Duration.between(now, g.milestoneDueAt());
                    // The closer the deadline, the more urgent.
                    fired.add(Trigger.of(TriggerType.MILESTONE_DUE, 1.0 - ratio(left, settings.milestoneDue()),
                            Map.of("goal", g.goal(), "hoursLeft", Long.toString(left.toHours()),
                                    "progress", figure(g.progress()))));
                });
        fired.sort(BY_PRIORITY);
        return List.copyOf(fired);
    }

    private static double ratio(Duration value, Duration threshold) {
        return threshold.isZero() ? 1.0 : (double) value.toMillis() / threshold.toMillis();
    }

    private static String figure(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
