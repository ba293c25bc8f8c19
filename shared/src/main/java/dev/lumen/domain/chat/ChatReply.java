package dev.lumen.domain.chat;

import dev.lumen.domain.knowledge.KnowledgeQuery;
import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.safety.CrisisCategory;
import dev.lumen.domain.safety.InjectionKind;
import dev.lumen.domain.safety.ReplyValidation;
import dev.lumen.domain.safety.Severity;
import java.util.List;
import java.util.Set;

/**
 * The persona's reply to one chat message.
 *
 * @param messageId        id of the stored reply message
 * @param traits           the effective traits the reply was written with
 * @param confidence       0..1, how complete the model's answer is (see {@link ChatService})
 * @param suggestedActions short follow-ups a client can offer as quick replies
 * @param memoriesRecalled how many past exchanges were recalled into the prompt
 * @param citations        the creator's knowledge the reply cites as {@code [n]}, in order of first mention
 * @param escalation       set when the message was handed to a person (crisis {@code HIGH}); null otherwise
 * @param safety           what the checks of the user's message found
 * @param validation       the reply's scores (fixed replies score 1)
 * @param requiresHumanEscalation true when the model's reply failed validation twice and was replaced
 */
public record ChatReply(String message, String personaId, String sessionId, String messageId,
                        List<Trait> traits, double confidence, List<String> suggestedActions,
                        String model, Usage usage, int memoriesRecalled,
                        List<KnowledgeQuery.Citation> citations, Escalated escalation, SafetyFlags safety,
                        ReplyValidation validation, boolean requiresHumanEscalation) {

    /** A reply without safety findings (the shape before the safety checks existed). */
    public ChatReply(String message, String personaId, String sessionId, String messageId,
                     List<Trait> traits, double confidence, List<String> suggestedActions,
                     String model, Usage usage, int memoriesRecalled, List<KnowledgeQuery.Citation> citations) {
        this(message, personaId, sessionId, messageId, traits, confidence, suggestedActions, model, usage,
                memoriesRecalled, citations, null, SafetyFlags.NONE, ReplyValidation.fixed(), false);
    }

    /** The escalation a crisis message raised: its id (see {@code GET /api/escalations}) and severity. */
    public record Escalated(String id, Severity severity) {
    }

    /**
     * @param crisis     the user's message's crisis severity ({@code NONE} when nothing was found)
     * @param categories the crisis kinds found
     * @param injection  whether the message was treated as a prompt-injection attempt
     * @param kinds      what the attempt aimed at
     */
    public record SafetyFlags(Severity crisis, Set<CrisisCategory> categories, boolean injection,
                              Set<InjectionKind> kinds) {
        public static final SafetyFlags NONE = new SafetyFlags(Severity.NONE, Set.of(), false, Set.of());

        public SafetyFlags {
            categories = Set.copyOf(categories);
            kinds = Set.copyOf(kinds);
        }
    }
}
