package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.proposal.Proposal;
import dev.lumen.domain.proposal.ProposalDraft;
import dev.lumen.domain.proposal.ProposalRepository;
import dev.lumen.domain.proposal.ProposalStatus;
import dev.lumen.domain.proposal.ProposalType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ProposalRepository} must do. Each case gets an empty repository. */
public abstract class ProposalRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.000000001Z");

    private ProposalRepository repository;

    /** An empty repository for one test case. */
    protected abstract ProposalRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    /** A pending trait adjustment (or ineligible, with a reason). */
    public static Proposal proposal(String id, AgentType agent, Instant at, String ineligibleReason) {
        ProposalDraft draft = new ProposalDraft(ProposalType.TRAIT_ADJUSTMENT, "Warmer replies for Ada",
                "Users ended 4 of 5 sessions after a curt reply",
                Map.of("personaId", "persona-ada", "traitId", "warmth", "action", "increase", "intensity", "0.1"),
                Map.of("sessions", "5", "curtReplies", "4"));
        return Proposal.of(id, agent, "run-" + id, draft, at, ineligibleReason);
    }

    @Test
    void anAddedProposalReadsBackExactlyAndAnIdIsTakenOnce() {
        // GIVEN
        Proposal pending = proposal(Ids.random(), AgentType.IMPERIUM, T0, null);
        Proposal ineligible = proposal(Ids.random(), AgentType.GUARDIAN, T0, "guardian was never examined under custody");

        // WHEN
        boolean first = repository.add(pending);
        repository.add(ineligible);
        boolean again = repository.add(proposal(pending.id(), AgentType.CONQUEST, T0.plusSeconds(5), "other"));

        // THEN
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(repository.find(pending.id())).contains(pending);
        assertThat(repository.find(ineligible.id())).contains(ineligible);
        assertThat(ineligible.status()).isEqualTo(ProposalStatus.INELIGIBLE);
        assertThat(repository.find("unknown")).isEmpty();
    }

    @Test
    void listsNewestFirstByStatusAndAgentUpToTheLimit() {
        // GIVEN
        Proposal oldest = proposal("a-" + Ids.random(), AgentType.CONQUEST, T0, null);
        Proposal middle = proposal("b-" + Ids.random(), AgentType.GUARDIAN, T0.plusMillis(1), null);
        Proposal newest = proposal("c-" + Ids.random(), AgentType.CONQUEST, T0.plusSeconds(60), null);
        Proposal refused = proposal("d-" + Ids.random(), AgentType.CONQUEST, T0.plusSeconds(30), "not eligible");
        repository.add(middle);
        repository.add(newest);
        repository.add(oldest);
        repository.add(refused);

        // WHEN one is rejected
        assertThat(repository.transition(middle.reviewed(ProposalStatus.REJECTED, "admin-1", "no", T0.plusSeconds(90)),
                ProposalStatus.PENDING)).isTrue();

        // THEN
        assertThat(repository.list(null, null, 10)).extracting(Proposal::id)
                .containsExactly(newest.id(), refused.id(), middle.id(), oldest.id());
        assertThat(repository.list(null, null, 2)).extracting(Proposal::id).containsExactly(newest.id(), refused.id());
        assertThat(repository.list(ProposalStatus.PENDING, null, 10)).extracting(Proposal::id)
                .containsExactly(newest.id(), oldest.id());
        assertThat(repository.list(ProposalStatus.PENDING, AgentType.CONQUEST, 1)).extracting(Proposal::id)
                .containsExactly(newest.id());
        assertThat(repository.list(null, AgentType.CONQUEST, 10)).extracting(Proposal::id)
                .containsExactly(newest.id(), refused.id(), oldest.id());
        assertThat(repository.list(ProposalStatus.REJECTED, AgentType.GUARDIAN, 10)).extracting(Proposal::id)
                .containsExactly(middle.id());
        assertThat(repository.list(ProposalStatus.APPLIED, null, 10)).isEmpty();
        assertThat(repository.list(ProposalStatus.PENDING, AgentType.SANDBOX, 10)).isEmpty();
    }

    @Test
    void aTransitionFailsOnAStaleStatusAndChangesNothing() {
        // GIVEN
        Proposal pending = proposal(Ids.random(), AgentType.IMPERIUM, T0, null);
        repository.add(pending);
        Proposal approved = pending.reviewed(ProposalStatus.APPROVED, "admin-1", "good idea", T0.plusSeconds(1));

        // WHEN
        boolean first = repository.transition(approved, ProposalStatus.PENDING);
        boolean stale = repository.transition(pending.reviewed(ProposalStatus.REJECTED, "admin-2", "no", T0.plusSeconds(2)),
                ProposalStatus.PENDING);
        boolean unknown = repository.transition(proposal("no-such-" + Ids.random(), AgentType.IMPERIUM, T0, null)
                .reviewed(ProposalStatus.APPROVED, "a", null, T0), ProposalStatus.PENDING);
        Proposal applied = approved.applied(T0.plusSeconds(3));
        boolean applying = repository.transition(applied, ProposalStatus.APPROVED);

        // THEN
        assertThat(first).isTrue();
        assertThat(stale).isFalse();
        assertThat(unknown).isFalse();
        assertThat(applying).isTrue();
        assertThat(repository.find(pending.id())).contains(applied);
        assertThat(applied.reviewer()).isEqualTo("admin-1");
        assertThat(applied.reviewReason()).isEqualTo("good idea");
        assertThat(applied.appliedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(repository.list(ProposalStatus.PENDING, null, 10)).isEmpty();
        assertThat(repository.list(ProposalStatus.APPLIED, null, 10)).extracting(Proposal::id).containsExactly(pending.id());
    }

    @Test
    void anApplyFailureIsKeptWithTheApprovedProposal() {
        Proposal pending = proposal(Ids.random(), AgentType.IMPERIUM, T0, null);
        repository.add(pending);
        Proposal approved = pending.reviewed(ProposalStatus.APPROVED, "admin-1", null, T0.plusSeconds(1));
        repository.transition(approved, ProposalStatus.PENDING);

        assertThat(repository.transition(approved.applyFailed("persona 'persona-ada' does not exist"),
                ProposalStatus.APPROVED)).isTrue();

        Proposal stored = repository.find(pending.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ProposalStatus.APPROVED);
        assertThat(stored.applyFailure()).contains("does not exist");
        assertThat(stored.reviewReason()).isNull();
        assertThat(stored.appliedAt()).isNull();
    }
}
