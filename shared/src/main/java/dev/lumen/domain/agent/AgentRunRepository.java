package dev.lumen.domain.agent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where agent runs are recorded. {@link #start} is the idempotency guard of the agent worker:
 * SQS delivers at least once, so the same work may arrive twice (at the same time, or again after
 * a crash); only the delivery that starts the run does the work.
 */
public interface AgentRunRepository {

    /**
     * Records {@code run} (RUNNING) unless a run with the same agent and run id exists. An existing
     * run is taken over only when it is still RUNNING and started before {@code retakeBefore}: its
     * worker died (a Lambda timeout or crash) and SQS redelivered the work once the visibility
     * timeout passed. A finished run is never started again, whatever its outcome.
     *
     * @param retakeBefore runs RUNNING since before this are abandoned (now minus the worker's timeout)
     * @return true when this call started the run (the caller does the work), false when another did
     */
    boolean start(AgentRun run, Instant retakeBefore);

    /** Stores the finished run over its RUNNING record. */
    void finish(AgentRun run);

    /** The agent's runs, newest start first, at most {@code limit}. */
    List<AgentRun> runs(AgentType agent, int limit);

    /** The agent's latest run, if any. */
    default Optional<AgentRun> last(AgentType agent) {
        return runs(agent, 1).stream().findFirst();
    }
}
