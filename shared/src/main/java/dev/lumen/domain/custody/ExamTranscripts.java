package dev.lumen.domain.custody;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: each examination's graded answers, keyed by agent and run id. It serves three needs the
 * run summaries cannot: recommendations (which tests failed and why), knowledge transfer (a
 * mentor's passed answers are what it teaches) and idempotency — the first transcript saved for a
 * run id fixes the run's time and figures, so a redelivered examination re-records the same run
 * (a no-op) instead of adding XP twice.
 */
public interface ExamTranscripts {
    /** Answers are kept to this many characters: enough to teach from, small enough for one item. */
    int MAX_ANSWER_CHARS = 1_000;
    int MAX_FEEDBACK_CHARS = 300;

    /** One graded answer. */
    record Answer(String testId, CustodyCategory category, Tier tier, double score, boolean passed, String feedback,
                  long xpEarned, String answer) {
        public Answer {
            Objects.requireNonNull(testId, "testId");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(tier, "tier");
            feedback = trimmed(feedback, MAX_FEEDBACK_CHARS);
            answer = trimmed(answer, MAX_ANSWER_CHARS);
        }
    }

    /** One examination: the standing it started from and every graded answer. */
    record Transcript(String agent, String runId, Instant at, long xpBefore, List<Answer> answers) {
        public Transcript {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(at, "at");
            answers = List.copyOf(answers);
        }

        /** The transcript of a result, with the answers the agent gave ({@code answers} by test id). */
        public static Transcript of(String runId, Instant at, CustodyExam.Result result,
                                    java.util.Map<String, String> answers) {
            return new Transcript(result.before().agent(), runId, at, result.before().xp(),
                    result.outcomes().stream().map(o -> new Answer(o.testId(), o.category(), o.tier(), o.grade().score(),
                            o.grade().passed(), o.grade().feedback(), o.xpEarned(),
                            answers.getOrDefault(o.testId(), ""))).toList());
        }

        /** The result this transcript records, figure for figure. */
        public CustodyExam.Result result() {
            return CustodyExam.summarise(new CustodyExam.Standing(agent, xpBefore), answers.stream()
                    .map(a -> new CustodyExam.Outcome(a.testId(), a.category(), a.tier(),
                            new Grade(a.score(), a.passed(), a.feedback()), a.xpEarned())).toList());
        }
    }

    /**
     * Saves the transcript unless one is already saved for its agent and run id.
     *
     * @return the transcript stored for that run: {@code transcript}, or the earlier one
     */
    Transcript saveIfAbsent(Transcript transcript);

    Optional<Transcript> find(String agent, String runId);

    private static String trimmed(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
