package dev.lumen.functions.chat;

import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.MessageFeedback;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.safety.ReplyValidation;
import dev.lumen.domain.chat.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A stored message as the API shows it; {@code role} is {@code user} or {@code assistant};
 * {@code model}, {@code usage} and {@code traits} only on assistant messages; {@code traits} (the
 * ones the persona showed) is empty until the interaction worker has processed the turn;
 * {@code feedback} is the rating the reply got ({@code POST /api/messages/{messageId}/feedback}), null until rated.
 */
public record MessageView(String messageId, String role, String content, String userId, Instant createdAt,
                          String model, Usage usage, List<ExpressedTrait> traits, ReplyValidation validation,
                          MessageFeedback feedback) {

    static MessageView of(Message m) {
        boolean assistant = m.role() == Role.ASSISTANT;
        return new MessageView(m.messageId(), m.role().name().toLowerCase(Locale.ROOT), m.content(), m.userId(),
                m.createdAt(), m.model(), assistant ? m.usage() : null, assistant ? m.traits() : null, m.validation(),
                m.feedback());
    }
}
