package dev.lumen.domain.escalation;

import dev.lumen.domain.safety.CrisisCategory;
import dev.lumen.domain.safety.Severity;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A chat message that needs a person: raised by chat when the crisis check says {@code HIGH},
 * listed and resolved by the team through the escalation routes. It names the conversation
 * (persona, session, the user's message id) rather than copying the message, so whoever picks
 * it up reads the session itself; {@code evidence} says why it was raised.
 *
 * @param tenant     the persona's creator
 * @param userId     null for anonymous chats
 * @param messageId  the stored user message that raised it
 * @param locale     the locale whose crisis resources the user was given
 * @param notified   whether the hand-off message reached the escalations queue; an open
 *                   escalation still {@code false} is republished by {@link Escalations#republishUnnotified}
 * @param resolvedAt null while open
 * @param resolvedBy who resolved it; null while open or when not given
 * @param note       the resolver's note; null while open or when not given
 */
public record Escalation(String escalationId, String tenant, String personaId, String sessionId, String userId,
                         String messageId, Severity severity, Set<CrisisCategory> categories, List<String> evidence,
                         String locale, EscalationStatus status, boolean notified, Instant createdAt,
                         Instant resolvedAt, String resolvedBy, String note) {

    public Escalation {
        categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
        evidence = List.copyOf(evidence);
    }

    public Escalation withNotified(boolean value) {
        return new Escalation(escalationId, tenant, personaId, sessionId, userId, messageId, severity, categories,
                evidence, locale, status, value, createdAt, resolvedAt, resolvedBy, note);
    }

    public Escalation resolved(Instant at, String by, String withNote) {
        return new Escalation(escalationId, tenant, personaId, sessionId, userId, messageId, severity, categories,
                evidence, locale, EscalationStatus.RESOLVED, notified, createdAt, at, by, withNote);
    }
}
