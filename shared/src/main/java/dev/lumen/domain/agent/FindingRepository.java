package dev.lumen.domain.agent;

import java.time.Instant;
import java.util.List;

/** Port: where agents' findings are kept, for operators and for the other agents to read. */
public interface FindingRepository {

    /**
     * Stores the findings. Idempotent by finding id (per agent): a redelivered cycle, whose findings
     * carry the same ids, replaces them rather than adding copies.
     */
    void saveAll(List<Finding> findings);

    /**
     * Findings newest first, at most {@code limit}.
     *
     * @param agent only this agent's; null for every agent's
     * @param kind  only this kind; null for any
     * @param since only those at or after this; null for no bound
     */
    List<Finding> list(AgentType agent, FindingKind kind, Instant since, int limit);
}
