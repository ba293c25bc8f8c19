package dev.lumen.domain.learning;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.NotFoundException;
import java.time.Clock;
import java.util.List;

/**
 * What the API shows of what Lumen learned about a user: emotional state, profile and patterns,
 * and the one explicit change it allows (setting the emotional state).
 */
public final class UserInsights {
    private final LearningRepository learning;
    private final Clock clock;

    public UserInsights(LearningRepository learning, Clock clock) {
        this.learning = learning;
        this.clock = clock;
    }

    public UserEmotion emotionalState(String userId) {
        return learning.emotionalState(Ids.require("userId", userId)).orElseThrow(() ->
                new NotFoundException("emotional_state_not_found", "no emotional state is known for user '" + userId + "'"));
    }

    /** Sets the state as the user or a coach reports it; validation happens in {@link EmotionalState}. */
    public UserEmotion setEmotionalState(String userId, double level, String state, List<String> triggers) {
        Ids.require("userId", userId);
        return learning.setEmotionalState(userId,
                new EmotionalState(level, state, triggers, clock.instant(), EmotionalState.EXPLICIT));
    }

    /** The learned profile; an empty one for a user Lumen has not learned about yet. */
    public UserProfile profile(String userId) {
        return learning.profile(Ids.require("userId", userId)).orElseGet(() -> UserProfile.empty(userId));
    }

    public List<ConversationPattern> patterns(String personaId, String userId) {
        return learning.patterns(Ids.require("personaId", personaId), Ids.require("userId", userId));
    }
}
