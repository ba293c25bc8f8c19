package dev.lumen.domain.chat;

/**
 * A session a user wrote in, as the user's own index keeps it: erasure needs the tenant to delete
 * the session's memories from the right tenant's vectors.
 */
public record UserSession(String personaId, String sessionId, String tenant) {
}
