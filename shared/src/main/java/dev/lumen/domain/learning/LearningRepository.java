package dev.lumen.domain.learning;

import dev.lumen.domain.learning.TokenUsage.UsageScope;
import java.util.List;
import java.util.Optional;

/**
 * Port: what Lumen learns about users and personas, kept exactly once per interaction.
 */
public interface LearningRepository {

    /** Whether {@link #apply} already ran for this interaction id. */
    boolean isApplied(String interactionId);

    /**
     * Applies one interaction's learning atomically and at most once per interaction id: the
     * traits on the reply message, the user's emotional state (history bounded) and profile, the
     * conversation pattern count, token usage per user, persona and model, the statistics counters,
     * and removal of the pending interaction. Concurrent applications for the same user are
     * serialised by optimistic concurrency and retried inside.
     *
     * @return false when this interaction was applied before (nothing changed)
     */
    boolean apply(InteractionLearning learning);

    Optional<UserEmotion> emotionalState(String userId);

    /** Sets the user's state explicitly; the previous one goes to the history. */
    UserEmotion setEmotionalState(String userId, EmotionalState state);

    Optional<UserProfile> profile(String userId);

    /**
     * Replaces the user's profile as a whole (a snapshot restore), version-checked against a
     * concurrent learner and retried.
     */
    void replaceProfile(UserProfile profile);

    /** A user's patterns with a persona, most frequent first. */
    List<ConversationPattern> patterns(String personaId, String userId);

    /** The usage total of one user, persona or model; zero when there is none. */
    TokenUsage usage(UsageScope scope, String id);

    /**
     * Erases everything learned about a user: emotional state and its history, profile,
     * conversation patterns, the user's token-usage total and the user's index of sessions.
     * Running it again deletes nothing.
     *
     * @return how many records were deleted
     */
    int eraseUser(String userId);
}
