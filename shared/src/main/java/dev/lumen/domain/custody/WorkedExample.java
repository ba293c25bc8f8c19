package dev.lumen.domain.custody;

import java.time.Instant;
import java.util.Objects;

/**
 * A question with a good answer, which an agent carries as few-shot material when it answers tests
 * of the same category.
 *
 * @param testId    the bank test it answers: an agent holds at most one example per test
 * @param taughtBy  the mentor agent's slug, or {@link #BANK} for the starting material
 * @param taughtAt  when it was taught; null for the starting material
 */
public record WorkedExample(String testId, CustodyCategory category, String question, String answer, String taughtBy,
                            Instant taughtAt) {
    /** {@code taughtBy} of the bank's own reference answers. */
    public static final String BANK = "bank";

    public WorkedExample {
        Objects.requireNonNull(testId, "testId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(taughtBy, "taughtBy");
    }

    /** The bank's reference answer of {@code test} as an example. */
    public static WorkedExample reference(CustodyTest test) {
        return new WorkedExample(test.id(), test.category(), test.prompt(), test.example(), BANK, null);
    }
}
