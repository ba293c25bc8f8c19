package dev.lumen.domain.chat;

import dev.lumen.domain.safety.ReplyValidation;
import java.time.Instant;
import java.util.List;

/**
 * One stored chat message. Messages of a session are keyed by persona and session, ordered by
 * {@code createdAt} then {@code messageId}.
 *
 * @param userId may be null for anonymous chats
 * @param model  the model that wrote an assistant message; null for user messages
 * @param validation the scores a model's reply got before it left (safety, grounding, persona);
 *                   null for user messages and for replies Lumen wrote itself
 * @param usage  tokens of the model call for assistant messages; {@link Usage#NONE} for user messages
 * @param traits traits the persona showed in an assistant message, filled in later by the
 *               interaction worker; empty until then and for user messages
 * @param feedback the rating the message's user gave this reply ({@code POST /api/messages/{id}/feedback});
 *                 null until rated, and always for user messages
 */
public record Message(String messageId, String personaId, String sessionId, String userId, Role role,
                      String content, Instant createdAt, String model, Usage usage, List<ExpressedTrait> traits,
                      ReplyValidation validation, MessageFeedback feedback) {

    public Message {
        traits = traits == null ? List.of() : List.copyOf(traits);
    }

    /** A message without feedback: every message as chat writes it. */
    public Message(String messageId, String personaId, String sessionId, String userId, Role role,
                   String content, Instant createdAt, String model, Usage usage, List<ExpressedTrait> traits,
                   ReplyValidation validation) {
        this(messageId, personaId, sessionId, userId, role, content, createdAt, model, usage, traits, validation, null);
    }

    /** The same message with the rating its user gave it. */
    public Message withFeedback(MessageFeedback rating) {
        return new Message(messageId, personaId, sessionId, userId, role, content, createdAt, model, usage, traits,
                validation, rating);
    }

    /** A message without validation scores: a user's message, or a reply Lumen wrote itself. */
    public Message(String messageId, String personaId, String sessionId, String userId, Role role,
                   String content, Instant createdAt, String model, Usage usage, List<ExpressedTrait> traits) {
        this(messageId, personaId, sessionId, userId, role, content, createdAt, model, usage, traits, null);
    }

    /** The same message with the scores its reply got before it left (recorded with it). */
    public Message withValidation(ReplyValidation scores) {
        return new Message(messageId, personaId, sessionId, userId, role, content, createdAt, model, usage, traits, scores,
                feedback);
    }

    /** The same message with the traits the persona showed in it. */
    public Message withTraits(List<ExpressedTrait> shown) {
        return new Message(messageId, personaId, sessionId, userId, role, content, createdAt, model, usage, shown, validation,
                feedback);
    }

    /** A message as chat writes it: no traits yet. */
    public Message(String messageId, String personaId, String sessionId, String userId, Role role,
                   String content, Instant createdAt, String model, Usage usage) {
        this(messageId, personaId, sessionId, userId, role, content, createdAt, model, usage, List.of());
    }
}
