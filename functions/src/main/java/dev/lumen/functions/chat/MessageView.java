package dev.lumen.functions.chat;

import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.chat.Usage;
import java.time.Instant;
import java.util.Locale;

/**
 * A stored message as the API shows it; {@code role} is {@code user} or {@code assistant};
 * {@code model} and {@code usage} only on assistant messages.
 */
public record MessageView(String messageId, String role, String content, String userId, Instant createdAt,
                          String model, Usage usage) {

    static MessageView of(Message m) {
        return new MessageView(m.messageId(), m.role().name().toLowerCase(Locale.ROOT), m.content(), m.userId(),
                m.createdAt(), m.model(), m.role() == Role.ASSISTANT ? m.usage() : null);
    }
}
