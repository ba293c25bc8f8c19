package dev.lumen.domain.memory;

import dev.lumen.domain.chat.Usage;
import java.time.Instant;

/**
 * One chat turn, published after it is stored so that learning happens off the chat path.
 *
 * @param interactionId the id of the reply message: unique per turn, the key that makes every
 *                      consumer idempotent
 * @param tenant        the persona's creator
 * @param userId        null for anonymous chats
 */
public record InteractionRecorded(String interactionId, String tenant, String personaId, String userId,
                                  String sessionId, String userMessageId, String userText, String replyText,
                                  String model, Usage usage, Instant occurredAt) {
}
