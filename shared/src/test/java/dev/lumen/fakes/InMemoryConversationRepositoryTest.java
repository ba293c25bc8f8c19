package dev.lumen.fakes;

import dev.lumen.contract.ConversationRepositoryContract;
import dev.lumen.domain.chat.ConversationRepository;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryConversationRepositoryTest extends ConversationRepositoryContract {

    @Override
    protected ConversationRepository newRepository() {
        return new InMemoryConversationRepository();
    }
}
