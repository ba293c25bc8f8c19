package dev.lumen.domain.learning;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's current emotional state and the states before it, newest first, at most
 * {@link #HISTORY_LIMIT} of them (older ones are dropped).
 */
public record UserEmotion(String userId, EmotionalState current, List<EmotionalState> history) {
    public static final int HISTORY_LIMIT = 20;

    public UserEmotion {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The first state a user is seen in. */
    public static UserEmotion first(String userId, EmotionalState state) {
        return new UserEmotion(userId, state, List.of());
    }

    /** {@code next} becomes current; the current one moves to the front of the history. */
    public UserEmotion with(EmotionalState next) {
        List<EmotionalState> older = new ArrayList<>(HISTORY_LIMIT);
        older.add(current);
        for (EmotionalState state : history) {
            if (older.size() == HISTORY_LIMIT) {
                break;
            }
            older.add(state);
        }
        return new UserEmotion(userId, next, older);
    }
}
