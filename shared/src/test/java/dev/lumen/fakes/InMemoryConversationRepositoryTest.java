package dev.lumen.fakes;

import dev.lumen.contract.ConversationRepositoryContract;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.learning.LearningRepository;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryConversationRepositoryTest extends ConversationRepositoryContract {

    @Override
    protected ConversationRepository newRepository() {
        return new InMemoryConversationRepository();
    }

    @Override
    protected LearningRepository learningOver(ConversationRepository repository) {
        return new InMemoryLearningRepository((InMemoryConversationRepository) repository, null);
    }
}
