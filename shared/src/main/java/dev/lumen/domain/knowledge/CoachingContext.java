package dev.lumen.domain.knowledge;

import dev.lumen.domain.learning.UserProfile;
import java.util.List;

/**
 * What a coaching reply is written with besides the persona and the conversation: the creator's
 * voice, what Lumen knows of the user, and the creator's knowledge most relevant to the message.
 *
 * @param creator   null when the creator has no profile yet
 * @param profile   null for anonymous users and users Lumen has learned nothing about
 * @param knowledge best first; the reply may cite {@code knowledge.get(i)} as {@code [i + 1]}
 */
public record CoachingContext(Creator creator, UserProfile profile, List<KnowledgeHit> knowledge) {
    public static final CoachingContext NONE = new CoachingContext(null, null, List.of());

    public CoachingContext {
        knowledge = knowledge == null ? List.of() : List.copyOf(knowledge);
    }
}
