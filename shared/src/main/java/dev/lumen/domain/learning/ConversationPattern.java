package dev.lumen.domain.learning;

import java.time.Instant;

/**
 * How often a user comes to a persona with the same kind of message.
 *
 * @param intent    a normalised intent key, e.g. {@code ask-how:sleep} (see {@link IntentKey})
 * @param frequency how many interactions had it
 */
public record ConversationPattern(String personaId, String userId, String intent, long frequency, Instant lastUsedAt) {
}
