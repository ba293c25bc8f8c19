package dev.lumen.domain.learning;

import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.memory.InteractionRecorded;
import java.util.List;

/**
 * Everything the worker learned from one interaction, applied by {@link LearningRepository#apply}
 * in one step.
 *
 * @param emotion   null when the user is anonymous or the message shows nothing
 * @param profile   {@link ProfileUpdate#NOTHING} for anonymous users
 * @param intentKey never null (see {@link IntentKey})
 */
public record InteractionLearning(InteractionRecorded interaction, List<ExpressedTrait> traits,
                                  EmotionalState emotion, ProfileUpdate profile, String intentKey) {

    public InteractionLearning {
        traits = traits == null ? List.of() : List.copyOf(traits);
        profile = profile == null ? ProfileUpdate.NOTHING : profile;
    }
}
