package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.MentoringMaterial;
import dev.lumen.domain.custody.WorkedExample;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MentoringMaterial} must do. Cases use fresh random agent names. */
public abstract class MentoringMaterialContract {
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private MentoringMaterial material;

    protected abstract MentoringMaterial newMaterial();

    @BeforeEach
    void create() {
        material = newMaterial();
    }

    private static WorkedExample example(String testId, CustodyCategory category, String answer) {
        return new WorkedExample(testId, category, "Question of " + testId + "?", answer, "guardian", T);
    }

    @Test
    void anAgentThatWasNeverTaughtHasNoMaterial() {
        assertThat(material.examples("agent-" + Ids.random(), CustodyCategory.CODE_QUALITY)).isEmpty();
        assertThat(material.transfers("agent-" + Ids.random(), 10)).isEmpty();
    }

    @Test
    void examplesReadBackByCategoryInTestIdOrderAndAReTaughtTestIsReplaced() {
        // GIVEN
        String agent = "agent-" + Ids.random();
        material.add(agent, List.of(example("sa-2", CustodyCategory.SECURITY_AWARENESS, "old"),
                example("sa-1", CustodyCategory.SECURITY_AWARENESS, "first"),
                example("cq-1", CustodyCategory.CODE_QUALITY, "code")));

        // WHEN the same test is taught again
        material.add(agent, List.of(example("sa-2", CustodyCategory.SECURITY_AWARENESS, "new")));

        // THEN
        assertThat(material.examples(agent, CustodyCategory.SECURITY_AWARENESS))
                .containsExactly(example("sa-1", CustodyCategory.SECURITY_AWARENESS, "first"),
                        example("sa-2", CustodyCategory.SECURITY_AWARENESS, "new"));
        assertThat(material.examples(agent, CustodyCategory.CODE_QUALITY)).extracting(WorkedExample::answer)
                .containsExactly("code");
        assertThat(material.examples("agent-" + Ids.random(), CustodyCategory.SECURITY_AWARENESS)).isEmpty();
    }

    @Test
    void theStartingMaterialsNullTimeReadsBack() {
        String agent = "agent-" + Ids.random();
        WorkedExample untimed = new WorkedExample("kv-1", CustodyCategory.KNOWLEDGE_VERIFICATION, "Q?", "A.",
                WorkedExample.BANK, null);
        material.add(agent, List.of(untimed));
        assertThat(material.examples(agent, CustodyCategory.KNOWLEDGE_VERIFICATION)).containsExactly(untimed);
    }

    @Test
    void transfersAreRecordedOncePerRunAndCategoryNewestFirst() {
        // GIVEN
        String student = "agent-" + Ids.random();
        MentoringMaterial.Transfer older = new MentoringMaterial.Transfer("run-1", T, "guardian", student,
                CustodyCategory.SECURITY_AWARENESS, 4, 0.2, 0.8);
        MentoringMaterial.Transfer newer = new MentoringMaterial.Transfer("run-2", T.plusSeconds(60), "conquest",
                student, CustodyCategory.PERFORMANCE_OPTIMIZATION, 3, 0.0, 0.6);

        // WHEN the first is recorded twice (a redelivered cycle, even at another time)
        material.record(older);
        material.record(newer);
        material.record(new MentoringMaterial.Transfer("run-1", T.plusSeconds(5), "guardian", student,
                CustodyCategory.SECURITY_AWARENESS, 9, 0.2, 0.9));

        // THEN
        assertThat(material.transfers(student, 10)).containsExactly(newer, older);
        assertThat(material.transfers(student, 1)).containsExactly(newer);
    }
}
