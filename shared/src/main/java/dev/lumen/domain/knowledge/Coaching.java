package dev.lumen.domain.knowledge;

import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.UserProfile;
import java.util.List;
import java.util.Map;

/**
 * Gathers the {@link CoachingContext} for a chat turn. Each part is optional: a creator without a
 * profile or documents, a user Lumen knows nothing about, or a knowledge index that is down all
 * leave their part empty rather than failing the reply.
 */
public final class Coaching {
    /** Chunks of the creator's knowledge put into a reply's prompt. */
    public static final int KNOWLEDGE_IN_PROMPT = 3;

    private final CreatorRepository creators;
    private final LearningRepository learning;
    private final KnowledgeSearch knowledge;

    public Coaching(CreatorRepository creators, LearningRepository learning, KnowledgeSearch knowledge) {
        this.creators = creators;
        this.learning = learning;
        this.knowledge = knowledge;
    }

    /** @param userId null for anonymous chats */
    public CoachingContext gather(String creatorId, String userId, String message) {
        Creator creator = creators.find(creatorId).orElse(null);
        UserProfile profile = userId == null ? null : learning.profile(userId).orElse(null);
        List<KnowledgeHit> hits;
        try {
            hits = knowledge.search(creatorId, message, KNOWLEDGE_IN_PROMPT, Map.of(), SearchMode.HYBRID);
        } catch (UnavailableException e) {
            hits = List.of();
        }
        return new CoachingContext(creator, profile, hits);
    }
}
