package dev.lumen.domain.custody;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Knowledge transfer with the offline model and the real bank: deterministic, so the rise is exact. */
class KnowledgeTransferTest {
    private final CustodyWorld world = new CustodyWorld();
    private final KnowledgeTransfer transfer = new KnowledgeTransfer(world.custody);

    private double score(CustodyExam.Result result, CustodyCategory category) {
        return result.categories().stream().filter(c -> c.category() == category).findFirst().orElseThrow().meanScore();
    }

    @Test
    void theBestAgentTeachesTheWeakestAndTheStudentsScoreRises() {
        // GIVEN every agent examined once: each strong only at home
        for (AgentType agent : AgentType.values()) {
            world.custody.examine(agent, "exam-1-" + agent.slug());
        }
        double before = score(world.custody.examine(AgentType.IMPERIUM, "exam-1-imperium"),
                CustodyCategory.PERFORMANCE_OPTIMIZATION);
        world.later();

        // WHEN Imperium runs a round of transfers
        List<Finding> findings = transfer.run(AgentType.IMPERIUM, "cycle-1", world.clock.instant());

        // THEN performance optimisation went from Conquest to the weakest (the first of the tied zero scorers)
        assertThat(findings).allSatisfy(f -> assertThat(f.kind()).isEqualTo(FindingKind.KNOWLEDGE_TRANSFER));
        Finding performance = findings.stream()
                .filter(f -> f.evidence().get("category").equals("performance-optimization")).findFirst().orElseThrow();
        assertThat(performance.evidence()).containsEntry("mentor", "conquest").containsEntry("student", "imperium");
        double after = Double.parseDouble(performance.evidence().get("scoreAfter"));
        assertThat(Double.parseDouble(performance.evidence().get("scoreBefore"))).isEqualTo(Custody.round(before));
        assertThat(after).isGreaterThan(before).isGreaterThanOrEqualTo(0.6);
        // AND every category has a transfer (each is someone's home), each one a rise
        assertThat(findings).hasSize(CustodyCategory.values().length).allSatisfy(f ->
                assertThat(Double.parseDouble(f.evidence().get("scoreAfter")))
                        .isGreaterThan(Double.parseDouble(f.evidence().get("scoreBefore"))));
        // AND the measurement recorded no run and no XP
        assertThat(world.repository.runs("imperium", 10)).hasSize(1);
        // AND the transfer is recorded, and the student holds the mentor's examples
        assertThat(world.material.transfers("imperium", 10))
                .anySatisfy(t -> assertThat(t.category()).isEqualTo(CustodyCategory.PERFORMANCE_OPTIMIZATION));
        assertThat(world.material.examples("imperium", CustodyCategory.PERFORMANCE_OPTIMIZATION))
                .isNotEmpty().allSatisfy(e -> assertThat(e.taughtBy()).isEqualTo("conquest"));

        // AND the student's analytics list what it received
        assertThat(world.custody.analytics(java.util.Optional.of(AgentType.IMPERIUM), 20).get(0).transfers())
                .anySatisfy(t -> {
                    assertThat(t.category()).isEqualTo("performance-optimization");
                    assertThat(t.mentor()).isEqualTo("conquest");
                    assertThat(t.scoreAfter()).isEqualTo(after);
                });

        // WHEN the student is examined again
        CustodyExam.Result next = world.custody.examine(AgentType.IMPERIUM, "exam-2-imperium");

        // THEN its recorded score in the category is the measured one
        assertThat(Custody.round(score(next, CustodyCategory.PERFORMANCE_OPTIMIZATION))).isEqualTo(after);
    }

    @Test
    void nothingIsTaughtTwiceNorWithoutRuns() {
        assertThat(transfer.run(AgentType.IMPERIUM, "cycle-0", world.clock.instant())).isEmpty();
        for (AgentType agent : AgentType.values()) {
            world.custody.examine(agent, "exam-1-" + agent.slug());
        }
        assertThat(transfer.run(AgentType.IMPERIUM, "cycle-1", world.clock.instant())).isNotEmpty();

        // a second round before anyone is re-examined teaches the same examples again: skipped
        assertThat(transfer.run(AgentType.IMPERIUM, "cycle-2", world.clock.instant())).isEmpty();
    }

    @Test
    void aRedeliveredCycleReportsItsTransfersAgainWithoutTeachingTwice() {
        for (AgentType agent : AgentType.values()) {
            world.custody.examine(agent, "exam-1-" + agent.slug());
        }
        List<Finding> first = transfer.run(AgentType.IMPERIUM, "cycle-1", world.clock.instant());
        int transfers = world.material.transfers("imperium", 100).size();

        List<Finding> again = transfer.run(AgentType.IMPERIUM, "cycle-1", world.clock.instant());

        assertThat(again).isEqualTo(first);
        assertThat(world.material.transfers("imperium", 100)).hasSize(transfers);
    }
}
