package dev.lumen.domain.safety;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of checking a text for prompt injection.
 *
 * @param flagged  whether the text should be treated as an injection attempt (chat input answered
 *                 safely, document chunk quarantined)
 * @param score    confidence in 0..1; {@code flagged} is {@code score >= threshold}
 * @param kinds    what the attempt seems to aim at; empty when nothing was found
 * @param evidence short human-readable reasons (matched rule and text, nearest exemplar and similarity)
 */
public record InjectionVerdict(boolean flagged, double score, Set<InjectionKind> kinds, List<String> evidence) {

    public InjectionVerdict {
        if (score < 0 || score > 1 || Double.isNaN(score)) {
            throw new IllegalArgumentException("score must be within 0..1: " + score);
        }
        kinds = Set.copyOf(Objects.requireNonNull(kinds, "kinds"));
        evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
    }

    /** Nothing suspicious found. */
    public static InjectionVerdict clean() {
        return new InjectionVerdict(false, 0, Set.of(), List.of());
    }
}
