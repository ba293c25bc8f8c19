package dev.lumen.domain.chat;

import dev.lumen.domain.knowledge.KnowledgeQuery;
import dev.lumen.domain.persona.Trait;
import java.util.List;

/**
 * The persona's reply to one chat message.
 *
 * @param messageId        id of the stored reply message
 * @param traits           the effective traits the reply was written with
 * @param confidence       0..1, how complete the model's answer is (see {@link ChatService})
 * @param suggestedActions short follow-ups a client can offer as quick replies
 * @param memoriesRecalled how many past exchanges were recalled into the prompt
 * @param citations        the creator's knowledge the reply cites as {@code [n]}, in order of first mention
 */
public record ChatReply(String message, String personaId, String sessionId, String messageId,
                        List<Trait> traits, double confidence, List<String> suggestedActions,
                        String model, Usage usage, int memoriesRecalled,
                        List<KnowledgeQuery.Citation> citations) {
}
