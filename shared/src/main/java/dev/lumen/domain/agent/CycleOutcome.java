package dev.lumen.domain.agent;

import dev.lumen.domain.proposal.ProposalDraft;
import java.util.List;

/**
 * What one agent cycle produced, before it is stored.
 *
 * @param itemsRead how many records the agent studied (messages, chunks, usage days, tests, …)
 * @param errors    what went wrong without stopping the cycle (one unreadable source, one failed
 *                  model call): the run is then recorded as PARTIAL
 */
public record CycleOutcome(int itemsRead, List<Finding> findings, List<ProposalDraft> proposals, List<String> errors) {

    public CycleOutcome {
        findings = List.copyOf(findings);
        proposals = List.copyOf(proposals);
        errors = List.copyOf(errors);
    }
}
