package dev.lumen.domain.chat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.persona.PersonaService;
import java.util.List;

/** Reads a session's messages. Separate from {@link ChatService} so reading needs no model. */
public final class SessionHistory {
    public static final int MAX_LIMIT = 500;

    private final PersonaService personas;
    private final ConversationRepository conversations;

    public SessionHistory(PersonaService personas, ConversationRepository conversations) {
        this.personas = personas;
        this.conversations = conversations;
    }

    /** The newest {@code limit} messages of a persona's session, newest last. */
    public List<Message> messages(String personaId, String sessionId, int limit) {
        Ids.require("sessionId", sessionId);
        personas.load(personaId);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("invalid_limit", "'limit' must be between 1 and " + MAX_LIMIT);
        }
        return conversations.latest(personaId, sessionId, limit);
    }
}
