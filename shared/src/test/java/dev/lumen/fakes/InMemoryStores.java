package dev.lumen.fakes;

import dev.lumen.contract.InteractionStores;

/** The conversation, pending and learning fakes wired to each other, as the real adapters share one table. */
public final class InMemoryStores {
    private InMemoryStores() {
    }

    public static InteractionStores create() {
        InMemoryPendingInteractions pending = new InMemoryPendingInteractions();
        InMemoryConversationRepository conversations = new InMemoryConversationRepository(pending);
        return new InteractionStores(conversations, pending, new InMemoryLearningRepository(conversations, pending));
    }
}
