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
 * @param latencyMs     how long chat took to answer (from the request to the reply, before storing it); 0 when
 *                      not measured (turns published before it was, and turns Lumen answered itself)
 */
public record InteractionRecorded(String interactionId, String tenant, String personaId, String userId,
                                  String sessionId, String userMessageId, String userText, String replyText,
                                  String model, Usage usage, Instant occurredAt, long latencyMs) {

    /** A turn whose answering time was not measured. */
    public InteractionRecorded(String interactionId, String tenant, String personaId, String userId,
                               String sessionId, String userMessageId, String userText, String replyText,
                               String model, Usage usage, Instant occurredAt) {
        this(interactionId, tenant, personaId, userId, sessionId, userMessageId, userText, replyText, model, usage,
                occurredAt, 0);
    }
}
