package dev.lumen.domain.proposal;

import dev.lumen.domain.agent.AgentType;
import java.util.List;
import java.util.Optional;

/** Port: where proposals are kept. */
public interface ProposalRepository {

    /**
     * Stores a new proposal unless one with its id exists (a redelivered cycle proposes again).
     *
     * @return false when the id was taken; the stored proposal is then left as it was
     */
    boolean add(Proposal proposal);

    Optional<Proposal> find(String id);

    /**
     * Proposals newest first (by creation time, then id), at most {@code limit}.
     *
     * @param status only these; null for every status
     * @param agent  only this agent's; null for every agent
     */
    List<Proposal> list(ProposalStatus status, AgentType agent, int limit);

    /**
     * Replaces a proposal with {@code updated} (same id) only while its stored status is still
     * {@code expected}: two reviewers racing on one proposal cannot both win.
     *
     * @return false when the proposal is gone or its status is no longer {@code expected}
     */
    boolean transition(Proposal updated, ProposalStatus expected);
}
