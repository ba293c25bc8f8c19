package dev.lumen.domain.chat;

import java.time.Instant;
import java.util.List;

/**
 * One stored chat message. Messages of a session are keyed by persona and session, ordered by
 * {@code createdAt} then {@code messageId}.
 *
 * @param userId may be null for anonymous chats
 * @param model  the model that wrote an assistant message; null for user messages
 * @param usage  tokens of the model call for assistant messages; {@link Usage#NONE} for user messages
 * @param traits traits the persona showed in an assistant message, filled in later by the
 *               interaction worker; empty until then and for user messages
 */
public record Message(String messageId, String personaId, String sessionId, String userId, Role role,
                      String content, Instant createdAt, String model, Usage usage, List<ExpressedTrait> traits) {

    public Message {
        traits = traits == null ? List.of() : List.copyOf(traits);
    }

    /** A message as chat writes it: no traits yet. */
    public Message(String messageId, String personaId, String sessionId, String userId, Role role,
                   String content, Instant createdAt, String model, Usage usage) {
        this(messageId, personaId, sessionId, userId, role, content, createdAt, model, usage, List.of());
    }
}
