package dev.lumen.domain.agent.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.domain.agent.CycleContext;
import dev.lumen.domain.agent.CycleOutcome;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.custody.Custody;
import dev.lumen.domain.custody.Graders;
import dev.lumen.domain.custody.TestBank;
import dev.lumen.domain.proposal.ProposalType;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryExamTranscripts;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sandbox's experiments with the offline model over the real bank: deterministic per run id. */
class SandboxTest {
    private static final OfflineChatModel MODEL = new OfflineChatModel();
    private static final Graders GRADERS = Graders.standard(MODEL);
    private static final TestBank BANK = TestBank.load(GRADERS);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static Sandbox sandbox() {
        return new Sandbox(new Custody(BANK, GRADERS, MODEL, new InMemoryCustodyRepository(), new InMemoryExamTranscripts(),
                new InMemoryMentoringMaterial(), Clock.systemUTC()));
    }

    /** A run id whose experiment is {@code experiment}. */
    private static String runIdFor(Experiment experiment) {
        for (int i = 0; ; i++) {
            String runId = "run-" + i;
            if (Experiment.ALL.get(Math.floorMod(runId.hashCode(), Experiment.ALL.size())) == experiment) {
                return runId;
            }
        }
    }

    private static CycleOutcome cycle(String runId) {
        return sandbox().run(new CycleContext(runId, NOW, NOW.minusSeconds(2700)));
    }

    @Test
    void theTeamsPooledMaterialWinsSignificantlyAndAPromptChangeIsProposed() {
        CycleOutcome outcome = cycle(runIdFor(Experiment.TEAM_MATERIAL));

        Finding experiment = outcome.findings().get(0);
        assertThat(experiment.kind()).isEqualTo(FindingKind.EXPERIMENT);
        assertThat(experiment.evidence()).containsEntry("significant", "true").containsEntry("winner", "B")
                .containsEntry("sampleSize", Integer.toString(Sandbox.SAMPLE_SIZE));
        int onlyA = Integer.parseInt(experiment.evidence().get("onlyA"));
        int onlyB = Integer.parseInt(experiment.evidence().get("onlyB"));
        assertThat(Double.parseDouble(experiment.evidence().get("pValue")))
                .isCloseTo(SignTest.pValue(onlyA, onlyB), org.assertj.core.api.Assertions.within(0.0001));
        assertThat(Integer.parseInt(experiment.evidence().get("passedB")))
                .isGreaterThan(Integer.parseInt(experiment.evidence().get("passedA")));
        assertThat(outcome.proposals()).singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo(ProposalType.PROMPT_CHANGE));
        assertThat(outcome.itemsRead()).isEqualTo(Sandbox.SAMPLE_SIZE);
    }

    @Test
    void aWordingTheOfflineModelIgnoresIsAnHonestNullResultWithNoProposal() {
        CycleOutcome outcome = cycle(runIdFor(Experiment.TERSE_INSTRUCTION));

        assertThat(outcome.findings().get(0).evidence()).containsEntry("significant", "false")
                .containsEntry("onlyA", "0").containsEntry("onlyB", "0").containsEntry("pValue", "1.0000");
        assertThat(outcome.proposals()).isEmpty();
    }

    @Test
    void fewerExamplesLoseTheTestsTheDroppedExamplesAnsweredAndProposeNothing() {
        CycleOutcome outcome = cycle(runIdFor(Experiment.FEWER_EXAMPLES));

        Map<String, String> evidence = outcome.findings().get(0).evidence();
        assertThat(Integer.parseInt(evidence.get("passedB"))).isLessThan(Integer.parseInt(evidence.get("passedA")));
        assertThat(evidence).containsEntry("onlyB", "0").containsEntry("winner", "A");
        assertThat(outcome.proposals()).isEmpty();
    }

    @Test
    void theSameRunIdRunsTheSameExperimentOnTheSameSampleAndRunsRotate() {
        String runId = runIdFor(Experiment.TEAM_MATERIAL);
        assertThat(cycle(runId)).isEqualTo(cycle(runId));
        String otherSample = "run-other-" + runId;
        assertThat(cycle(otherSample).findings().get(0).evidence().get("tests"))
                .isNotEqualTo(cycle(runId).findings().get(0).evidence().get("tests"));
    }
}
