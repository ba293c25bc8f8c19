package dev.lumen.domain.custody;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.fakes.ScriptedChatModel;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustodyExamTest {
    private static final String JUNK = "I don't know.";

    private static CustodyExam exam(String judgeSays) {
        Graders graders = Graders.standard(new ScriptedChatModel(judgeSays));
        return new CustodyExam(TestBank.load(graders), graders);
    }

    @Test
    void aNewcomerWhoPassesEverythingAtBasicEarnsXpLevelsUpAndBecomesEligible() {
        // GIVEN a newcomer that answers every test with its reference answer, and a judge that agrees
        CustodyExam.Standing newcomer = CustodyExam.Standing.newcomer("guardian");

        // WHEN
        CustodyExam.Result result = exam("Covers the rubric.\nSCORE: 1").examine(newcomer, CustodyTest::example);

        // THEN every category was examined at BASIC, all passed, 10 XP each
        assertThat(result.tier()).isEqualTo(Tier.BASIC);
        assertThat(result.categories()).hasSize(8).allSatisfy(score -> {
            assertThat(score.tier()).isEqualTo(Tier.BASIC);
            assertThat(score.passed()).isEqualTo(score.tests());
            assertThat(score.meanScore()).isEqualTo(1.0);
        });
        assertThat(result.passRate()).isEqualTo(1.0);
        assertThat(result.xpEarned()).isEqualTo(result.outcomes().size() * 10L);
        assertThat(result.after().xp()).isEqualTo(result.xpEarned());
        assertThat(result.after().level()).isEqualTo(1 + (int) (result.xpEarned() / CustodyExam.XP_PER_LEVEL));
        assertThat(result.leveledUp()).isTrue();
        assertThat(result.eligible()).isTrue();
    }

    @Test
    void anAgentThatKnowsNothingEarnsNothingAndIsNotEligible() {
        CustodyExam.Result result = exam("Off topic.\nSCORE: 0")
                .examine(CustodyExam.Standing.newcomer("sandbox"), test -> JUNK);

        assertThat(result.passRate()).isZero();
        assertThat(result.xpEarned()).isZero();
        assertThat(result.after()).isEqualTo(result.before());
        assertThat(result.leveledUp()).isFalse();
        assertThat(result.eligible()).isFalse();
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.grade().feedback()).isNotBlank());
    }

    @Test
    void scoresArePerCategoryAndHalfPassingIsNotEnoughForEligibility() {
        // GIVEN an agent strong in four categories and silent in the other four
        Set<CustodyCategory> strong = Set.of(CustodyCategory.SECURITY_AWARENESS, CustodyCategory.CODE_QUALITY,
                CustodyCategory.KNOWLEDGE_VERIFICATION, CustodyCategory.PERFORMANCE_OPTIMIZATION);

        // WHEN
        CustodyExam.Result result = exam("SCORE: 1").examine(CustodyExam.Standing.newcomer("conquest"),
                test -> strong.contains(test.category()) ? test.example() : JUNK);

        // THEN
        assertThat(result.categories()).allSatisfy(score -> assertThat(score.passed())
                .isEqualTo(strong.contains(score.category()) ? score.tests() : countRubric(score)));
        assertThat(result.passRate()).isLessThan(CustodyExam.ELIGIBLE_PASS_RATE);
        assertThat(result.eligible()).isFalse();
    }

    @Test
    void anAgentBeyondTheStockedTiersIsExaminedInEveryCategory() {
        // GIVEN a master (level 45): not every category has MASTER tests
        CustodyExam.Standing master = new CustodyExam.Standing("imperium", 44 * CustodyExam.XP_PER_LEVEL);
        CustodyExam exam = exam("SCORE: 1");

        // WHEN
        CustodyExam.Result result = exam.examine(master, CustodyTest::example);

        // THEN every category is examined, at MASTER where it can be and EXPERT otherwise
        assertThat(master.level()).isEqualTo(45);
        assertThat(result.tier()).isEqualTo(Tier.MASTER);
        assertThat(result.categories()).hasSize(8)
                .allSatisfy(score -> assertThat(score.tier()).isIn(Tier.MASTER, Tier.EXPERT))
                .anySatisfy(score -> assertThat(score.tier()).isEqualTo(Tier.MASTER))
                .anySatisfy(score -> assertThat(score.tier()).isEqualTo(Tier.EXPERT));
    }

    @Test
    void levelsFollowXp() {
        assertThat(new CustodyExam.Standing("a", 0).level()).isEqualTo(1);
        assertThat(new CustodyExam.Standing("a", 99).level()).isEqualTo(1);
        assertThat(new CustodyExam.Standing("a", 100).level()).isEqualTo(2);
        assertThat(new CustodyExam.Standing("a", 900).tier()).isEqualTo(Tier.INTERMEDIATE);
    }

    /** With a judge that always says 1, a rubric test passes even for junk: only those pass in a weak category. */
    private static int countRubric(CustodyExam.CategoryScore score) {
        return (int) TestBank.load(Graders.standard(new ScriptedChatModel("SCORE: 1")))
                .tests(score.category(), score.tier()).stream()
                .filter(t -> t.grader().type().equals("rubric")).count();
    }

}
