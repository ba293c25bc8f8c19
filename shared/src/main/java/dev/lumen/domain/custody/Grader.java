package dev.lumen.domain.custody;

/**
 * Judges an agent's answer to a custody test. Each test names its grader by {@link #type()} in its
 * data file; the same answer to the same test always gets the same grade, except with the
 * rubric grader when a non-deterministic model judges.
 */
public interface Grader {

    /** The name tests use for this grader, e.g. {@code keywords}. */
    String type();

    /**
     * Refuses settings this grader cannot use (a missing pattern, an invalid regex), with an
     * {@link IllegalArgumentException} naming the problem; called when the bank loads.
     */
    void check(GraderSpec spec);

    Grade grade(CustodyTest test, String answer);
}
