package dev.lumen.domain.chat;

/**
 * A user's chat message to a persona.
 *
 * @param sessionId may be null: a new session is started and its id returned
 * @param userId    may be null for anonymous use
 * @param locale    BCP-47 tag choosing the crisis resources shown if they are needed; null for the default
 */
public record ChatRequest(String personaId, String sessionId, String userId, String message, String locale) {

    /** A request in the default locale. */
    public ChatRequest(String personaId, String sessionId, String userId, String message) {
        this(personaId, sessionId, userId, message, null);
    }
}
