package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.ExamTranscripts;
import dev.lumen.domain.custody.Tier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ExamTranscripts} must do. Cases use fresh random agent names. */
public abstract class ExamTranscriptsContract {
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private ExamTranscripts transcripts;

    protected abstract ExamTranscripts newTranscripts();

    @BeforeEach
    void create() {
        transcripts = newTranscripts();
    }

    static ExamTranscripts.Transcript transcript(String agent, String runId, Instant at, int tests) {
        List<ExamTranscripts.Answer> answers = new ArrayList<>();
        for (int i = 0; i < tests; i++) {
            CustodyCategory category = CustodyCategory.values()[i % CustodyCategory.values().length];
            answers.add(new ExamTranscripts.Answer("t-" + i, category, Tier.BASIC, i % 3 == 0 ? 1.0 : 0.25,
                    i % 3 == 0, "Covers " + i + " of 4 points; missing: \"x\".", i % 3 == 0 ? 10 : 0,
                    "Answer " + i + " with ünïcödé and a newline\nhere."));
        }
        return new ExamTranscripts.Transcript(agent, runId, at, 120, answers);
    }

    @Test
    void anUnknownRunHasNoTranscript() {
        assertThat(transcripts.find("agent-" + Ids.random(), "run-1")).isEmpty();
    }

    @Test
    void aSavedTranscriptReadsBackWholeAndItsResultMatches() {
        String agent = "agent-" + Ids.random();
        ExamTranscripts.Transcript saved = transcript(agent, "run-1", T, 12);

        assertThat(transcripts.saveIfAbsent(saved)).isEqualTo(saved);

        ExamTranscripts.Transcript read = transcripts.find(agent, "run-1").orElseThrow();
        assertThat(read).isEqualTo(saved);
        assertThat(read.result().xpEarned()).isEqualTo(40);
        assertThat(read.result().before().xp()).isEqualTo(120);
        assertThat(read.result().passRate()).isEqualTo(4 / 12.0);
        assertThat(transcripts.find(agent, "run-2")).isEmpty();
    }

    @Test
    void theFirstTranscriptOfARunWins() {
        String agent = "agent-" + Ids.random();
        ExamTranscripts.Transcript first = transcript(agent, "run-1", T, 3);

        transcripts.saveIfAbsent(first);
        ExamTranscripts.Transcript second = transcripts.saveIfAbsent(transcript(agent, "run-1", T.plusSeconds(9), 5));

        assertThat(second).isEqualTo(first);
        assertThat(transcripts.find(agent, "run-1")).contains(first);
    }

    @Test
    void aLargeRunFitsAndLongAnswersAreTrimmed() {
        // 8 categories x 6 tests with answers at the trimming limit: what the largest tier can produce
        String agent = "agent-" + Ids.random();
        List<ExamTranscripts.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            answers.add(new ExamTranscripts.Answer("t-" + i, CustodyCategory.values()[i % 8], Tier.EXPERT, 0.5, false,
                    "f".repeat(2_000), 0, "a".repeat(5_000)));
        }
        transcripts.saveIfAbsent(new ExamTranscripts.Transcript(agent, "run-big", T, 0, answers));

        ExamTranscripts.Transcript read = transcripts.find(agent, "run-big").orElseThrow();
        assertThat(read.answers()).hasSize(48).allSatisfy(a -> {
            assertThat(a.answer()).hasSize(ExamTranscripts.MAX_ANSWER_CHARS);
            assertThat(a.feedback()).hasSize(ExamTranscripts.MAX_FEEDBACK_CHARS);
        });
    }
}
