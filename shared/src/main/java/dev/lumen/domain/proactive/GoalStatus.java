package dev.lumen.domain.proactive;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a user stands on one goal. The profile keeps goals as text only, so the caller supplies
 * this (a later session persists it next to the profile).
 *
 * @param progress        done so far, 0..1
 * @param expected        what the plan expects by now, 0..1
 * @param lastProgressAt  when progress last moved; null when never
 * @param milestoneDueAt  the next milestone's deadline; null when none
 */
public record GoalStatus(String goal, double progress, double expected, Instant lastProgressAt, Instant milestoneDueAt) {

    public GoalStatus {
        Objects.requireNonNull(goal, "goal");
        if (Double.isNaN(progress) || progress < 0 || progress > 1 || Double.isNaN(expected) || expected < 0 || expected > 1) {
            throw new IllegalArgumentException("progress and expected must be in [0, 1]");
        }
    }

    /** Expected minus actual progress; negative when ahead of plan. */
    public double deviation() {
        return expected - progress;
    }

    public boolean done() {
        return progress >= 1.0;
    }
}
