package dev.lumen.domain.proposal;

/**
 * Where a proposal is in its life: {@code PENDING → APPROVED | REJECTED}, {@code APPROVED → APPLIED}.
 * {@code INELIGIBLE} is final: the agent was not eligible under custody when it proposed.
 */
public enum ProposalStatus {
    PENDING, APPROVED, REJECTED, APPLIED, INELIGIBLE
}
