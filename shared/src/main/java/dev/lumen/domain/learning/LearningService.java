package dev.lumen.domain.learning;

import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.MemoryService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The interaction worker's use case: learns everything one chat turn teaches, exactly once.
 *
 * <p>The order matters. An interaction whose learning was applied before is skipped first, so a
 * redelivered message costs one read: no embedding, no model call. Otherwise the exchange is
 * remembered (an upsert keyed by the interaction id, so doing it again is harmless) <em>before</em>
 * anything is applied: {@link LearningRepository#apply} writes the receipt that marks the
 * interaction done, so an applied receipt implies the memory exists. Were the order reversed, a
 * crash between the two would leave a receipt and no memory, and the retry would skip the
 * interaction for good. The rest (traits, emotion, profile, intent, usage) goes into that one
 * atomic {@code apply}, so a failure before it changes nothing but the idempotent memory.
 *
 * <p>Failures: a model that is unavailable throws {@link UnavailableException} and the message is
 * retried later; anything else going wrong in trait extraction costs the turn its traits, not its
 * learning. Anonymous turns teach nothing about a user (no emotional state, no profile) but are
 * still remembered and counted.
 */
public final class LearningService {
    private final LearningRepository learning;
    private final MemoryService memory;
    private final TraitExtractor traits;
    private final Clock clock;
    private final EmotionAnalyzer emotions = new EmotionAnalyzer();
    private final ProfileLearner profiles = new ProfileLearner();

    /** What {@link #process} did. */
    public enum Outcome {
        /** The interaction's learning was applied now. */
        APPLIED,
        /** It had been applied before (a redelivery, or a concurrent worker won): nothing changed. */
        ALREADY_APPLIED
    }

    /**
     * @param clock the time of an emotional state when the interaction carries none
     */
    public LearningService(LearningRepository learning, MemoryService memory, TraitExtractor traits, Clock clock) {
        this.learning = learning;
        this.memory = memory;
        this.traits = traits;
        this.clock = clock;
    }

    /**
     * @throws UnavailableException when the model, the vector store or the table cannot serve now;
     *                              the caller reports the message as failed so it is redelivered
     */
    public Outcome process(InteractionRecorded interaction) {
        if (learning.isApplied(interaction.interactionId())) {
            return Outcome.ALREADY_APPLIED;
        }
        memory.remember(interaction);
        List<ExpressedTrait> shown = traitsShown(interaction);
        EmotionalState emotion = null;
        ProfileUpdate profile = ProfileUpdate.NOTHING;
        if (interaction.userId() != null) {
            Instant at = interaction.occurredAt() == null ? clock.instant() : interaction.occurredAt();
            emotion = emotions.analyze(interaction.userText(), at).orElse(null);
            profile = profiles.learn(interaction.userText());
        }
        String intent = IntentKey.of(interaction.userText());
        boolean applied = learning.apply(new InteractionLearning(interaction, shown, emotion, profile, intent));
        return applied ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
    }

    private List<ExpressedTrait> traitsShown(InteractionRecorded interaction) {
        try {
            return traits.extract(interaction);
        } catch (UnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Traits are a nice-to-have on the message; retrying a turn whose extraction is broken
            // (not unavailable) would only fail again and end in the dead-letter queue with the
            // memory, emotion and profile it could have had.
            return List.of();
        }
    }
}
