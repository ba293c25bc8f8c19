package dev.lumen.domain.custody;

/**
 * A grader's verdict on one answer.
 *
 * @param score    in [0, 1]: the share of the test the answer got right
 * @param passed   whether the answer meets the test's bar (each grader sets its own threshold)
 * @param feedback why, in a sentence an agent (and its operator) can act on
 */
public record Grade(double score, boolean passed, String feedback) {

    public Grade {
        if (Double.isNaN(score) || score < 0 || score > 1) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
        feedback = feedback == null ? "" : feedback;
    }

    public static Grade pass(String feedback) {
        return new Grade(1, true, feedback);
    }

    public static Grade fail(String feedback) {
        return new Grade(0, false, feedback);
    }
}
