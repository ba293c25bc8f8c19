package dev.lumen.domain.custody;

import java.util.Objects;

/**
 * One question of the custody test bank: what an agent is asked and how its answer is graded.
 *
 * @param id     unique across the bank, stable so results can be compared run to run
 * @param prompt what the agent is asked, sent to it as is
 * @param grader which grader judges the answer, with its settings
 * @param xp     experience the agent earns when it passes; a grade's score scales it
 */
public record CustodyTest(String id, CustodyCategory category, Tier tier, String prompt, GraderSpec grader, int xp) {

    public CustodyTest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(grader, "grader");
        if (xp < 0) {
            throw new IllegalArgumentException("xp must not be negative, was " + xp);
        }
    }
}
