package dev.lumen.domain.stats;

/**
 * Totals kept in the state store.
 *
 * @param messages        messages written (expired ones included)
 * @param memories        interactions remembered
 * @param emotionalStates users with an emotional state
 * @param patterns        distinct (persona, user, intent) patterns
 * @param typingUsers     typing indicators live right now
 */
public record Counts(long personas, long messages, long memories, long emotionalStates, long patterns,
                     long typingUsers) {
}
