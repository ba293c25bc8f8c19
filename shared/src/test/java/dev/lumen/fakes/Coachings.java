package dev.lumen.fakes;

import dev.lumen.domain.knowledge.Coaching;
import dev.lumen.domain.knowledge.KnowledgeSearch;

/** {@link Coaching} over empty fakes: no creator profile, no user profile, no knowledge. */
public final class Coachings {

    private Coachings() {
    }

    public static Coaching none() {
        return new Coaching(new InMemoryCreatorRepository(), new InMemoryLearningRepository(),
                new KnowledgeSearch(new HashingEmbeddingModel(16), new ExactVectorStore()));
    }
}
