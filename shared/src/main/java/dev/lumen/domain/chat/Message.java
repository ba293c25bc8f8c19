package dev.lumen.domain.chat;

import java.time.Instant;

/**
 * One stored chat message. Messages of a session are keyed by persona and session, ordered by
 * {@code createdAt} then {@code messageId}.
 *
 * @param userId may be null for anonymous chats
 * @param model  the model that wrote an assistant message; null for user messages
 * @param usage  tokens of the model call for assistant messages; {@link Usage#NONE} for user messages
 */
public record Message(String messageId, String personaId, String sessionId, String userId, Role role,
                      String content, Instant createdAt, String model, Usage usage) {
}
