package dev.lumen.domain.custody;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Port: the few-shot material agents received from each other through knowledge transfer (the
 * starting material, the bank's reference answers of an agent's home categories, is not stored:
 * it follows from {@link AgentProfiles} and the bank), and the record of each transfer.
 */
public interface MentoringMaterial {

    /**
     * One transfer: the mentor taught the student {@code examples} examples of the category; the
     * student's category score before (its last run) and after (measured right after teaching).
     */
    record Transfer(String runId, Instant at, String mentor, String student, CustodyCategory category, int examples,
                    double scoreBefore, double scoreAfter) {
        public Transfer {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(mentor, "mentor");
            Objects.requireNonNull(student, "student");
            Objects.requireNonNull(category, "category");
        }
    }

    /** The examples the agent received in the category, in test-id order. */
    List<WorkedExample> examples(String agent, CustodyCategory category);

    /** Gives the agent these examples; an example for a test it already has one for replaces it. */
    void add(String agent, List<WorkedExample> examples);

    /** Records a transfer; the same (student, run, category) recorded again changes nothing. */
    void record(Transfer transfer);

    /** The transfers the agent received, newest first, at most {@code limit}. */
    List<Transfer> transfers(String student, int limit);
}
