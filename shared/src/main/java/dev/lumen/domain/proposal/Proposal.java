package dev.lumen.domain.proposal;

import dev.lumen.domain.agent.AgentType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A change an agent proposed, and where it is in review.
 *
 * @param id              derived from the submitting run and the draft's position (see {@link Proposals#proposalId}),
 *                        so a redelivered cycle stores each proposal once
 * @param runId           the agent run that proposed it
 * @param change          what to change, flat (see {@link ProposalDraft#change()})
 * @param evidence        the facts behind it
 * @param reviewer        who approved or rejected it (the caller's id); null while pending
 * @param reviewReason    why; required for a rejection, optional for an approval
 * @param appliedAt       when an approved change was applied (trait adjustments apply themselves)
 * @param ineligibleReason why the agent could not propose it (custody), for {@link ProposalStatus#INELIGIBLE}
 * @param applyFailure    why an approved change could not be applied (the persona or trait is gone);
 *                        the proposal then stays {@link ProposalStatus#APPROVED}
 */
public record Proposal(String id, AgentType agent, String runId, ProposalType type, String title, String rationale,
                       Map<String, String> change, Map<String, String> evidence, ProposalStatus status,
                       Instant createdAt, String reviewer, String reviewReason, Instant reviewedAt,
                       Instant appliedAt, String ineligibleReason, String applyFailure) {

    public Proposal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        rationale = rationale == null ? "" : rationale;
        change = change == null ? Map.of() : Map.copyOf(change);
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    /** A new proposal from a draft: pending, or ineligible with the reason. */
    public static Proposal of(String id, AgentType agent, String runId, ProposalDraft draft, Instant at,
                              String ineligibleReason) {
        return new Proposal(id, agent, runId, draft.type(), draft.title(), draft.rationale(), draft.change(),
                draft.evidence(), ineligibleReason == null ? ProposalStatus.PENDING : ProposalStatus.INELIGIBLE, at,
                null, null, null, null, ineligibleReason, null);
    }

    /** This proposal reviewed: approved or rejected by {@code reviewer}. */
    public Proposal reviewed(ProposalStatus decision, String reviewer, String reason, Instant at) {
        return new Proposal(id, agent, runId, type, title, rationale, change, evidence, decision, createdAt, reviewer,
                reason, at, appliedAt, ineligibleReason, applyFailure);
    }

    /** This approved proposal, applied. */
    public Proposal applied(Instant at) {
        return new Proposal(id, agent, runId, type, title, rationale, change, evidence, ProposalStatus.APPLIED,
                createdAt, reviewer, reviewReason, reviewedAt, at, ineligibleReason, null);
    }

    /** This approved proposal, which could not be applied, and why. */
    public Proposal applyFailed(String why) {
        return new Proposal(id, agent, runId, type, title, rationale, change, evidence, status, createdAt, reviewer,
                reviewReason, reviewedAt, appliedAt, ineligibleReason, why);
    }
}
