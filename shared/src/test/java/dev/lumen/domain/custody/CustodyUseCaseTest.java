package dev.lumen.domain.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lumen.domain.agent.AgentType;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CustodyUseCaseTest {
    private final CustodyWorld world = new CustodyWorld();

    private static Map<CustodyCategory, Double> scores(CustodyExam.Result result) {
        return result.categories().stream()
                .collect(Collectors.toMap(CustodyExam.CategoryScore::category, CustodyExam.CategoryScore::meanScore));
    }

    @Test
    void anAgentStartsStrongInItsHomeCategoriesAndWeakElsewhere() {
        // WHEN Guardian is examined with the offline model
        CustodyExam.Result result = world.custody.examine(AgentType.GUARDIAN, "run-1");

        // THEN it answers its home categories from its material and knows nothing else
        Map<CustodyCategory, Double> scores = scores(result);
        assertThat(scores.get(CustodyCategory.SECURITY_AWARENESS)).isGreaterThanOrEqualTo(0.6);
        assertThat(scores.get(CustodyCategory.CODE_QUALITY)).isGreaterThanOrEqualTo(0.6);
        assertThat(scores.get(CustodyCategory.PERFORMANCE_OPTIMIZATION)).isLessThan(0.2);
        assertThat(scores.get(CustodyCategory.EXPERIMENTAL_VALIDATION)).isLessThan(0.2);
        assertThat(result.eligible()).isFalse();
        assertThat(result.xpEarned()).isPositive();
        // AND it is the same every time (deterministic)
        assertThat(new CustodyWorld().custody.examine(AgentType.GUARDIAN, "run-1")).isEqualTo(result);
    }

    @Test
    void aRedeliveredExaminationCountsItsXpOnce() {
        // GIVEN
        CustodyExam.Result first = world.custody.examine(AgentType.CONQUEST, "run-1");
        world.later();

        // WHEN the same run id is examined again, later
        CustodyExam.Result again = world.custody.examine(AgentType.CONQUEST, "run-1");

        // THEN the same figures, one run, XP once
        assertThat(again).isEqualTo(first);
        assertThat(world.repository.runs("conquest", 10)).hasSize(1);
        assertThat(world.repository.agent("conquest").standing().xp()).isEqualTo(first.xpEarned());
    }

    @Test
    void aRunInterruptedAfterItsTranscriptIsCompletedByTheRedelivery() {
        // GIVEN a transcript saved but the run never recorded (the worker died between the two writes)
        CustodyExam.Result result = world.custody.examine(AgentType.SANDBOX, "run-1");
        ExamTranscripts.Transcript transcript = world.transcripts.find("sandbox", "run-1").orElseThrow();
        CustodyWorld fresh = new CustodyWorld();
        fresh.transcripts.saveIfAbsent(transcript);

        // WHEN the run is delivered again
        fresh.custody.examine(AgentType.SANDBOX, "run-1");

        // THEN it is recorded, at the transcript's time, once
        assertThat(fresh.repository.runs("sandbox", 10)).singleElement()
                .satisfies(run -> assertThat(run.at()).isEqualTo(transcript.at()));
        assertThat(fresh.repository.agent("sandbox").standing().xp()).isEqualTo(result.xpEarned());
    }

    @Test
    void theOverviewShowsEveryAgentWithItsLastRun() {
        CustodyExam.Result result = world.custody.examine(AgentType.IMPERIUM, "run-1");

        var overview = world.custody.overview();

        assertThat(overview).extracting(Custody.AgentOverview::agent)
                .containsExactly("imperium", "guardian", "sandbox", "conquest");
        Custody.AgentOverview imperium = overview.get(0);
        assertThat(imperium.xp()).isEqualTo(result.xpEarned());
        assertThat(imperium.level()).isEqualTo(result.after().level());
        assertThat(imperium.lastRunId()).isEqualTo("run-1");
        assertThat(imperium.lastPassRate()).isEqualTo(result.passRate());
        assertThat(imperium.categoryScores()).hasSize(8).containsKey("knowledge-verification");
        assertThat(overview.get(1).lastRunId()).isNull();
        assertThat(overview.get(1).level()).isEqualTo(1);
    }

    @Test
    void analyticsShowEachCategorysSeriesAndItsChange() {
        // GIVEN two runs of Guardian with a transfer of performance examples in between
        world.custody.examine(AgentType.GUARDIAN, "run-1");
        world.later();
        world.material.add("guardian", CustodyWorld.bank().all().stream()
                .filter(t -> t.category() == CustodyCategory.PERFORMANCE_OPTIMIZATION && !t.example().isBlank())
                .map(WorkedExample::reference).toList());
        world.custody.examine(AgentType.GUARDIAN, "run-2");

        // WHEN
        Custody.AgentTrends trends = world.custody.analytics(Optional.of(AgentType.GUARDIAN), 10).get(0);

        // THEN
        assertThat(trends.runs()).isEqualTo(2);
        Custody.Trend performance = trends.categories().get("performance-optimization");
        assertThat(performance.series()).extracting(Custody.Point::runId).containsExactly("run-1", "run-2");
        assertThat(performance.delta()).isPositive();
        assertThat(performance.delta()).isCloseTo(performance.last() - performance.first(), within(0.001));
        assertThat(trends.categories().get("security-awareness").delta()).isZero();
        assertThat(trends.passRate().delta()).isPositive();
        assertThat(world.custody.analytics(Optional.empty(), 10)).hasSize(4);
    }

    @Test
    void theTestCategoriesListTheBank() {
        var categories = world.custody.testCategories();

        assertThat(categories).hasSize(8);
        assertThat(categories.stream().mapToInt(Custody.CategoryInfo::tests).sum())
                .isEqualTo(CustodyWorld.bank().all().size());
        Custody.CategoryInfo security = categories.stream().filter(c -> c.category().equals("security-awareness"))
                .findFirst().orElseThrow();
        assertThat(security.description()).isNotBlank();
        assertThat(security.tiers().get(Tier.BASIC)).isGreaterThanOrEqualTo(TestBank.MIN_TESTS_PER_TIER);
        assertThat(security.graders()).containsKeys("keywords", "rubric");
    }

    @Test
    void recommendationsNameWeakCategoriesTheirMentorsAndTheFailedTests() {
        // GIVEN every agent examined once
        for (AgentType agent : AgentType.values()) {
            world.custody.examine(agent, "run-" + agent.slug());
        }

        // WHEN
        Custody.Recommendation guardian = world.custody.recommendations(Optional.of(AgentType.GUARDIAN)).get(0);

        // THEN performance is weak, and Conquest (whose home it is) is the suggested mentor
        assertThat(guardian.weakest()).extracting(Custody.Weakness::category).contains("performance-optimization")
                .doesNotContain("security-awareness");
        assertThat(guardian.weakest()).filteredOn(w -> w.category().equals("performance-optimization"))
                .singleElement().satisfies(w -> assertThat(w.mentor()).isEqualTo("conquest"));
        assertThat(guardian.failed()).isNotEmpty().allSatisfy(f -> assertThat(f.feedback()).isNotBlank());
        assertThat(guardian.failed()).anySatisfy(f -> assertThat(f.category()).isEqualTo("performance-optimization"));
        assertThat(guardian.summary()).startsWith("Improve ");
        // AND an agent never examined is told so
        assertThat(new CustodyWorld().custody.recommendations(Optional.empty())).hasSize(4)
                .allSatisfy(r -> assertThat(r.summary()).startsWith("Never examined"));
    }
}
