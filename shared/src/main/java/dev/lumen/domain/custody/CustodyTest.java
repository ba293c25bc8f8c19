package dev.lumen.domain.custody;

import java.util.Objects;

/**
 * One question of the custody test bank: what an agent is asked and how its answer is graded.
 *
 * @param id     unique across the bank, stable so results can be compared run to run
 * @param prompt what the agent is asked, sent to it as is
 * @param grader which grader judges the answer, with its settings
 * @param xp      experience the agent earns when it passes; a grade's score scales it
 * @param example a reference answer that passes the test, or empty: the bank's own tests grade
 *                it to prove every test can be passed, and it is material a mentor can share
 */
public record CustodyTest(String id, CustodyCategory category, Tier tier, String prompt, GraderSpec grader, int xp,
                          String example) {

    public CustodyTest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(grader, "grader");
        if (xp < 0) {
            throw new IllegalArgumentException("xp must not be negative, was " + xp);
        }
        example = example == null ? "" : example;
    }

    /** A test without a reference answer. */
    public CustodyTest(String id, CustodyCategory category, Tier tier, String prompt, GraderSpec grader, int xp) {
        this(id, category, tier, prompt, grader, xp, "");
    }
}
