package dev.lumen.domain.safety;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The verdict on one user message.
 *
 * @param severity   {@link Severity#NONE} when nothing was found
 * @param categories the crisis kinds found; empty exactly when severity is {@code NONE}
 * @param evidence   why: matched phrases ({@code pattern: …}) and nearest exemplars ({@code exemplar 0.71: …})
 */
public record CrisisAssessment(Severity severity, Set<CrisisCategory> categories, List<String> evidence) {

    public CrisisAssessment {
        categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
        evidence = List.copyOf(evidence);
    }

    public static CrisisAssessment none() {
        return new CrisisAssessment(Severity.NONE, Set.of(), List.of());
    }

    /** True when the severity reaches {@code threshold} (the chat path escalates at {@code HIGH}). */
    public boolean reaches(Severity threshold) {
        return severity.atLeast(threshold);
    }
}
