package dev.lumen.domain.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.CustodyExam;
import dev.lumen.domain.custody.Grade;
import dev.lumen.domain.custody.Tier;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.TraitChange;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryPersonaRepository;
import dev.lumen.fakes.InMemoryProposalRepository;
import dev.lumen.fakes.MutableClock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProposalsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    private final InMemoryProposalRepository repository = new InMemoryProposalRepository();
    private final InMemoryCustodyRepository custody = new InMemoryCustodyRepository();
    private final MutableClock clock = new MutableClock(T0);
    private final PersonaService personas = new PersonaService(new InMemoryPersonaRepository(), CoreTraits.defaults(), clock);
    private final Proposals proposals = new Proposals(repository, custody, personas, clock);

    @BeforeEach
    void ada() {
        personas.create(new NewPersona("persona-ada", "Ada", "A study coach", "coach-sleep",
                List.of(new NewPersona.NewTrait("warmth", "Warmth", "Kind", 0.5))));
    }

    /** Records a custody run of {@code agent} with this pass rate. */
    static void examined(InMemoryCustodyRepository custody, AgentType agent, double passRate, String runId, Instant at) {
        CustodyExam.Standing before = CustodyExam.Standing.newcomer(agent.slug());
        CustodyExam.Standing after = new CustodyExam.Standing(agent.slug(), 40);
        List<CustodyExam.CategoryScore> scores = Arrays.stream(CustodyCategory.values())
                .map(c -> new CustodyExam.CategoryScore(c, Tier.BASIC, 5, (int) Math.round(passRate * 5), passRate)).toList();
        custody.record(runId, at, new CustodyExam.Result(before, after, Tier.BASIC, scores, passRate, 40,
                passRate >= CustodyExam.ELIGIBLE_PASS_RATE,
                List.of(new CustodyExam.Outcome("t-1", CustodyCategory.CODE_QUALITY, Tier.BASIC, Grade.pass("ok"), 40))));
    }

    static ProposalDraft warmer(double amount) {
        return new ProposalDraft(ProposalType.TRAIT_ADJUSTMENT, "Warmer Ada", "Curt replies ended sessions",
                Map.of("personaId", "persona-ada", "traitId", "warmth", "action", "increase", "intensity", Double.toString(amount)),
                Map.of("sessions", "5"));
    }

    static ProposalDraft cheaperModel() {
        return new ProposalDraft(ProposalType.CONFIGURATION_CHANGE, "Use nova-lite for Ada", "Same error rate, 10x cheaper",
                Map.of("setting", "LUMEN_CHAT_MODEL_IDS", "value", "amazon.nova-lite-v1:0"), Map.of());
    }

    @Test
    void anEligibleAgentsDraftsArePendingUnderIdsDerivedFromTheRun() {
        // GIVEN
        examined(custody, AgentType.CONQUEST, 0.9, "exam-1", T0.minusSeconds(600));

        // WHEN submitted twice (a redelivered cycle)
        List<String> ids = proposals.submit(AgentType.CONQUEST, "2026-12-07T09:00:00Z", List.of(cheaperModel(), warmer(0.1)), T0);
        List<String> again = proposals.submit(AgentType.CONQUEST, "2026-12-07T09:00:00Z", List.of(cheaperModel(), warmer(0.1)), T0);

        // THEN
        assertThat(ids).hasSize(2).isEqualTo(again);
        assertThat(ids.get(0)).startsWith("2026-12-07T09-00-00Z-").endsWith("-0").matches("[A-Za-z0-9_-]{1,128}");
        assertThat(repository.list(null, null, 10)).hasSize(2)
                .allSatisfy(p -> assertThat(p.status()).isEqualTo(ProposalStatus.PENDING));
        Proposal first = proposals.get(ids.get(0));
        assertThat(first.agent()).isEqualTo(AgentType.CONQUEST);
        assertThat(first.runId()).isEqualTo("2026-12-07T09:00:00Z");
        assertThat(first.change()).containsEntry("value", "amazon.nova-lite-v1:0");
    }

    @Test
    void anIneligibleAgentsProposalIsStoredIneligibleWithTheReason() {
        // GIVEN guardian failed its last run, sandbox was never examined
        examined(custody, AgentType.GUARDIAN, 0.9, "exam-old", T0.minusSeconds(7200));
        examined(custody, AgentType.GUARDIAN, 0.55, "exam-new", T0.minusSeconds(600));

        // WHEN
        String failed = proposals.submit(AgentType.GUARDIAN, "run-g", List.of(cheaperModel()), T0).get(0);
        String unexamined = proposals.submit(AgentType.SANDBOX, "run-s", List.of(cheaperModel()), T0).get(0);

        // THEN
        Proposal refused = proposals.get(failed);
        assertThat(refused.status()).isEqualTo(ProposalStatus.INELIGIBLE);
        assertThat(refused.ineligibleReason()).isEqualTo("pass rate 0.55 < 0.80 at tier BASIC in its last custody run (exam-new)");
        assertThat(proposals.get(unexamined).ineligibleReason()).isEqualTo("sandbox was never examined under custody");
        assertThatThrownBy(() -> proposals.approve(failed, "admin-1", null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("ineligible");
        assertThat(personas.get("persona-ada").traits()).anySatisfy(t -> {
            assertThat(t.id()).isEqualTo("warmth");
            assertThat(t.intensity()).isEqualTo(0.5);
        });
    }

    @Test
    void anApprovedTraitAdjustmentAppliesItselfAndTheTraitHistoryNamesTheProposal() {
        // GIVEN
        examined(custody, AgentType.IMPERIUM, 1.0, "exam-1", T0.minusSeconds(60));
        String id = proposals.submit(AgentType.IMPERIUM, "run-1", List.of(warmer(0.2)), T0).get(0);
        clock.advance(java.time.Duration.ofSeconds(30));

        // WHEN
        Proposal applied = proposals.approve(id, "admin-1", "agreed");

        // THEN
        assertThat(applied.status()).isEqualTo(ProposalStatus.APPLIED);
        assertThat(applied.reviewer()).isEqualTo("admin-1");
        assertThat(applied.reviewReason()).isEqualTo("agreed");
        assertThat(applied.appliedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(proposals.get(id)).isEqualTo(applied);
        assertThat(personas.get("persona-ada").traits()).anySatisfy(t -> {
            assertThat(t.id()).isEqualTo("warmth");
            assertThat(t.intensity()).isEqualTo(0.7);
        });
        List<TraitChange> history = personas.history("persona-ada", "warmth");
        assertThat(history).singleElement().satisfies(change -> {
            assertThat(change.actor()).isEqualTo("proposal:" + id + " approved by admin-1");
            assertThat(change.before()).isEqualTo(0.5);
            assertThat(change.after()).isEqualTo(0.7);
        });

        // AND a second approval is a conflict that changes nothing
        assertThatThrownBy(() -> proposals.approve(id, "admin-2", null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("applied");
        assertThat(personas.history("persona-ada", "warmth")).hasSize(1);
    }

    @Test
    void anApprovalWhoseTraitIsGoneStaysApprovedAndSaysWhy() {
        examined(custody, AgentType.IMPERIUM, 1.0, "exam-1", T0.minusSeconds(60));
        ProposalDraft ghost = new ProposalDraft(ProposalType.TRAIT_ADJUSTMENT, "Bolder ghost", "",
                Map.of("personaId", "persona-gone", "traitId", "warmth", "action", "set", "intensity", "0.9"), Map.of());
        String id = proposals.submit(AgentType.IMPERIUM, "run-2", List.of(ghost), T0).get(0);

        Proposal approved = proposals.approve(id, "admin-1", null);

        assertThat(approved.status()).isEqualTo(ProposalStatus.APPROVED);
        assertThat(approved.applyFailure()).contains("persona-gone");
        assertThat(approved.appliedAt()).isNull();
        assertThat(proposals.get(id)).isEqualTo(approved);
    }

    @Test
    void aConfigurationChangeIsApprovedButNotApplied() {
        examined(custody, AgentType.CONQUEST, 0.8, "exam-1", T0.minusSeconds(60));
        String id = proposals.submit(AgentType.CONQUEST, "run-3", List.of(cheaperModel()), T0).get(0);
        assertThat(proposals.approve(id, "admin-1", null).status()).isEqualTo(ProposalStatus.APPROVED);
        assertThat(proposals.get(id).appliedAt()).isNull();
    }

    @Test
    void rejectNeedsAReasonAndIsFinal() {
        examined(custody, AgentType.CONQUEST, 0.8, "exam-1", T0.minusSeconds(60));
        String id = proposals.submit(AgentType.CONQUEST, "run-4", List.of(warmer(0.3)), T0).get(0);

        assertThatThrownBy(() -> proposals.reject(id, "admin-1", " ")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'reason'");
        assertThat(proposals.get(id).status()).isEqualTo(ProposalStatus.PENDING);

        Proposal rejected = proposals.reject(id, "admin-1", "Ada is warm enough");
        assertThat(rejected.status()).isEqualTo(ProposalStatus.REJECTED);
        assertThat(rejected.reviewReason()).isEqualTo("Ada is warm enough");
        assertThatThrownBy(() -> proposals.approve(id, "admin-1", null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> proposals.reject(id, "admin-1", "again")).isInstanceOf(ConflictException.class);
        assertThat(personas.history("persona-ada", "warmth")).isEmpty();
    }

    @Test
    void unknownIdsAre404AndMalformedOnes400() {
        assertThatThrownBy(() -> proposals.approve("no-such", "admin-1", null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> proposals.reject("no-such", "admin-1", "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> proposals.get("a#b")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> proposals.list(null, null, 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'limit'");
    }

    @Test
    void anInvalidDraftIsLeftOutAndTheCheckSaysWhy() {
        examined(custody, AgentType.IMPERIUM, 1.0, "exam-1", T0.minusSeconds(60));
        ProposalDraft noAction = new ProposalDraft(ProposalType.TRAIT_ADJUSTMENT, "Broken", "",
                Map.of("personaId", "persona-ada", "traitId", "warmth", "intensity", "0.1"), Map.of());
        ProposalDraft outOfRange = warmer(1.5);

        List<String> ids = proposals.submit(AgentType.IMPERIUM, "run-5", List.of(noAction, warmer(0.1), outOfRange), T0);

        assertThat(ids).containsExactly(Proposals.proposalId("run-5", 1));
        assertThat(ProposalChecks.problem(noAction)).hasValueSatisfying(p -> assertThat(p).contains("'action'"));
        assertThat(ProposalChecks.problem(outOfRange)).hasValueSatisfying(p -> assertThat(p).contains("'intensity'"));
        assertThat(ProposalChecks.problem(cheaperModel())).isEmpty();
    }
}
