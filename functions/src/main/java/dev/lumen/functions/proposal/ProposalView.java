package dev.lumen.functions.proposal;

import dev.lumen.domain.proposal.Proposal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A proposal as the API shows it: the agent as its path name ({@code "conquest"}), the type in lower
 * case as agents' kinds are ({@code "trait_adjustment"}), the status in upper case as statuses are
 * elsewhere ({@code "PENDING"}); absent fields are left out.
 */
record ProposalView(String proposalId, String agent, String runId, String type, String title, String rationale,
                    Map<String, String> change, Map<String, String> evidence, String status, Instant createdAt,
                    String reviewer, String reviewReason, Instant reviewedAt, Instant appliedAt,
                    String ineligibleReason, String applyFailure) {

    static ProposalView of(Proposal p) {
        return new ProposalView(p.id(), p.agent().slug(), p.runId(), p.type().name().toLowerCase(Locale.ROOT), p.title(),
                p.rationale(), p.change(), p.evidence(), p.status().name(), p.createdAt(), p.reviewer(), p.reviewReason(),
                p.reviewedAt(), p.appliedAt(), p.ineligibleReason(), p.applyFailure());
    }
}
