package dev.lumen.domain.proactive;

/** Why the persona writes, as one plain sentence addressed to the user, per trigger type. */
public final class ProactiveReasons {
    /** Starts the last line of a {@link dev.lumen.domain.chat.ModelRequest.Task#PROACTIVE} request. */
    public static final String REASON_PREFIX = "Reason: ";

    private ProactiveReasons() {
    }

    public static String sentence(Trigger trigger) {
        String goal = trigger.evidence().getOrDefault("goal", "your goal");
        return switch (trigger.type()) {
            case MILESTONE_DUE -> "Your milestone for \"" + goal + "\" is due within "
                    + trigger.evidence().getOrDefault("hoursLeft", "a day") + " hours.";
            case MOTIVATION_DROP -> "You have seemed less motivated lately.";
            case INACTIVITY -> "We have not talked for " + trigger.evidence().getOrDefault("idleHours", "a while") + " hours.";
            case GOAL_DEVIATION -> "\"" + goal + "\" is behind where we planned it to be.";
            case PROGRESS_STAGNATION -> "\"" + goal + "\" has not moved for "
                    + trigger.evidence().getOrDefault("daysWithoutProgress", "a few") + " days.";
        };
    }
}
