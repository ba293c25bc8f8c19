package dev.lumen.domain.agent;

import dev.lumen.domain.custody.CustodyExam;

/** Port the agent worker runs custody examinations through (the custody use case implements it). */
public interface AgentExaminer {

    /**
     * Examines the agent at its current tier and records the run under {@code runId}; the same run
     * id examined again (a redelivery) records nothing new and returns the first result's figures.
     */
    CustodyExam.Result examine(AgentType agent, String runId);
}
