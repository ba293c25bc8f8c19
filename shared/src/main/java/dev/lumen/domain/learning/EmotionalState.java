package dev.lumen.domain.learning;

import dev.lumen.domain.error.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a user seems to feel, as of one moment.
 *
 * @param level    strength of the state, 0 (barely) to 1 (overwhelming)
 * @param state    a short lower-case label, e.g. {@code calm}, {@code anxious}, {@code joyful}
 * @param triggers what in the conversation set it off (words or short phrases), at most {@link #MAX_TRIGGERS}
 * @param source   {@code learned} (the interaction worker) or {@code explicit} (set through the API)
 */
public record EmotionalState(double level, String state, List<String> triggers, Instant at, String source) {
    public static final int MAX_TRIGGERS = 10;
    public static final int MAX_TRIGGER_LENGTH = 100;
    public static final String LEARNED = "learned";
    public static final String EXPLICIT = "explicit";
    private static final Pattern STATE = Pattern.compile("[a-z][a-z_-]{0,39}");

    /** @throws ValidationException naming the field that is wrong */
    public EmotionalState {
        if (Double.isNaN(level) || level < 0.0 || level > 1.0) {
            throw new ValidationException("invalid_level", "'level' must be a number from 0 to 1");
        }
        if (state == null || !STATE.matcher(state).matches()) {
            throw new ValidationException("invalid_state",
                    "'state' must be 1-40 lower-case letters, '-' or '_', starting with a letter");
        }
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        if (triggers.size() > MAX_TRIGGERS) {
            throw new ValidationException("too_many_triggers", "'triggers' holds at most " + MAX_TRIGGERS + " entries");
        }
        for (String trigger : triggers) {
            if (trigger == null || trigger.isBlank() || trigger.length() > MAX_TRIGGER_LENGTH) {
                throw new ValidationException("invalid_trigger",
                        "each of 'triggers' must be 1-" + MAX_TRIGGER_LENGTH + " characters");
            }
        }
        if (at == null) {
            throw new IllegalArgumentException("an emotional state needs a time");
        }
        if (!LEARNED.equals(source) && !EXPLICIT.equals(source)) {
            throw new IllegalArgumentException("source must be 'learned' or 'explicit'");
        }
    }
}
