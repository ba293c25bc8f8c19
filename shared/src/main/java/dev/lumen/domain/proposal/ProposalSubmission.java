package dev.lumen.domain.proposal;

import dev.lumen.domain.agent.AgentType;
import java.time.Instant;
import java.util.List;

/**
 * Port the agent cycle submits through. Each draft becomes a proposal with an id derived from
 * {@code runId} and its position, so a redelivered cycle submits nothing twice; an agent that is
 * not eligible under custody gets its proposals stored as {@link ProposalStatus#INELIGIBLE}.
 *
 * @return the stored proposals' ids, in the drafts' order
 */
public interface ProposalSubmission {

    List<String> submit(AgentType agent, String runId, List<ProposalDraft> drafts, Instant at);
}
