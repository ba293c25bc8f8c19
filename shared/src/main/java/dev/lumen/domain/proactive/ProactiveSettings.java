package dev.lumen.domain.proactive;

import dev.lumen.domain.activity.ActivityFeed;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The thresholds and caps of proactive engagement; {@link #defaults()} holds the values of issue 8.
 *
 * @param inactivity        a user idle at least this long fires {@link TriggerType#INACTIVITY}
 * @param stagnation        a goal without progress at least this long fires {@link TriggerType#PROGRESS_STAGNATION}
 * @param goalDeviation     expected minus actual progress above this fires {@link TriggerType#GOAL_DEVIATION}
 * @param motivationDrop    a fall of the motivation level above this fires {@link TriggerType#MOTIVATION_DROP}
 * @param milestoneDue      a milestone due within this fires {@link TriggerType#MILESTONE_DUE}
 * @param minimumIdle       no proactive message to a user active more recently than this: they are in a
 *                          conversation, where the persona can say it itself
 * @param dailyCap          at most this many proactive messages per user in any 24 hours
 * @param perTypeCap        at most this many of one trigger type per user within {@code perTypeWindow}
 * @param perTypeWindow     the window of {@code perTypeCap}
 * @param quietStart        local time quiet hours begin (nothing is delivered from then…)
 * @param quietEnd          …until this local time; a span across midnight when start is after end
 * @param deliveryWindow    a message is delivered at most this long after it was planned; longer than
 *                          the quiet hours, so a time outside them always exists
 * @param lookback          how far back the analysis reads turns and emotional states; by default what
 *                          the activity feed keeps ({@link ActivityFeed#MAX_WINDOW})
 */
public record ProactiveSettings(Duration inactivity, Duration stagnation, double goalDeviation, double motivationDrop,
                                Duration milestoneDue, Duration minimumIdle, int dailyCap, int perTypeCap,
                                Duration perTypeWindow, LocalTime quietStart, LocalTime quietEnd,
                                Duration deliveryWindow, Duration lookback) {

    public ProactiveSettings {
        Objects.requireNonNull(inactivity, "inactivity");
        Objects.requireNonNull(stagnation, "stagnation");
        Objects.requireNonNull(milestoneDue, "milestoneDue");
        Objects.requireNonNull(minimumIdle, "minimumIdle");
        Objects.requireNonNull(perTypeWindow, "perTypeWindow");
        Objects.requireNonNull(quietStart, "quietStart");
        Objects.requireNonNull(quietEnd, "quietEnd");
        Objects.requireNonNull(deliveryWindow, "deliveryWindow");
        Objects.requireNonNull(lookback, "lookback");
        if (goalDeviation < 0 || goalDeviation > 1 || motivationDrop < 0 || motivationDrop > 1) {
            throw new IllegalArgumentException("goalDeviation and motivationDrop must be in [0, 1]");
        }
        if (dailyCap < 0 || perTypeCap < 0) {
            throw new IllegalArgumentException("caps must not be negative");
        }
        if (deliveryWindow.compareTo(quietSpan(quietStart, quietEnd)) <= 0) {
            throw new IllegalArgumentException("the delivery window must be longer than the quiet hours");
        }
    }

    /** Issue 8: idle 24 h, stagnant 3 days, deviation 0.3, drop 0.2, milestone within 1 day; 1 a day; quiet 22:00-08:00. */
    public static ProactiveSettings defaults() {
        return new ProactiveSettings(Duration.ofHours(24), Duration.ofDays(3), 0.3, 0.2, Duration.ofDays(1),
                Duration.ofHours(4), 1, 2, Duration.ofDays(7), LocalTime.of(22, 0), LocalTime.of(8, 0),
                Duration.ofHours(24), ActivityFeed.MAX_WINDOW);
    }

    /** These settings with other quiet hours. */
    public ProactiveSettings withQuietHours(LocalTime start, LocalTime end) {
        return new ProactiveSettings(inactivity, stagnation, goalDeviation, motivationDrop, milestoneDue, minimumIdle,
                dailyCap, perTypeCap, perTypeWindow, start, end, deliveryWindow, lookback);
    }

    /** Whether a local time falls in the quiet hours (start inclusive, end exclusive). */
    public boolean quiet(LocalTime time) {
        if (quietStart.equals(quietEnd)) {
            return false;
        }
        return quietStart.isBefore(quietEnd)
                ? !time.isBefore(quietStart) && time.isBefore(quietEnd)
                : !time.isBefore(quietStart) || time.isBefore(quietEnd);
    }

    private static Duration quietSpan(LocalTime start, LocalTime end) {
        Duration span = Duration.between(start, end);
        return span.isNegative() ? span.plusDays(1) : span;
    }
}
