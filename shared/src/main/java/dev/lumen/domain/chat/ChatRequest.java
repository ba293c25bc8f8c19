package dev.lumen.domain.chat;

/**
 * A user's chat message to a persona.
 *
 * @param sessionId may be null: a new session is started and its id returned
 * @param userId    may be null for anonymous use
 */
public record ChatRequest(String personaId, String sessionId, String userId, String message) {
}
