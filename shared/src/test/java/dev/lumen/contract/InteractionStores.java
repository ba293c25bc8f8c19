package dev.lumen.contract;

import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.memory.PendingInteractions;

/**
 * The three ports that share the interaction pipeline's data, over one store: turns written by
 * {@code conversations} become {@code pending}; {@code learning} applies them and removes them.
 */
public record InteractionStores(ConversationRepository conversations, PendingInteractions pending,
                                LearningRepository learning) {
}
