package dev.lumen.domain.proactive;

/**
 * Why a persona reaches out, in the order of urgency: a time-bound milestone first, a user's
 * falling motivation next (wellbeing before plans), then the risk of losing them, then the plan.
 */
public enum TriggerType {
    MILESTONE_DUE(5),
    MOTIVATION_DROP(4),
    INACTIVITY(3),
    GOAL_DEVIATION(2),
    PROGRESS_STAGNATION(1);

    private final int rank;

    TriggerType(int rank) {
        this.rank = rank;
    }

    /** The base priority; a trigger adds its severity (below 1), so a type never overtakes a higher one. */
    public int rank() {
        return rank;
    }
}
