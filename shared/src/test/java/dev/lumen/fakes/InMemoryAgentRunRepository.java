package dev.lumen.fakes;

import dev.lumen.domain.agent.AgentRun;
import dev.lumen.domain.agent.AgentRunRepository;
import dev.lumen.domain.agent.AgentType;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** In-memory {@link AgentRunRepository} for domain unit tests. */
public final class InMemoryAgentRunRepository implements AgentRunRepository {
    private final Map<String, AgentRun> runs = new HashMap<>();
    private volatile boolean failing;

    /** Makes every call fail, as a table that cannot be reached. */
    public void failing(boolean value) {
        this.failing = value;
    }

    @Override
    public synchronized boolean start(AgentRun run, Instant retakeBefore) {
        requireReachable();
        AgentRun existing = runs.get(key(run));
        if (existing != null && !(existing.outcome() == AgentRun.Outcome.RUNNING
                && existing.startedAt().isBefore(retakeBefore))) {
            return false;
        }
        runs.put(key(run), run);
        return true;
    }

    @Override
    public synchronized void finish(AgentRun run) {
        requireReachable();
        runs.put(key(run), run);
    }

    @Override
    public synchronized List<AgentRun> runs(AgentType agent, int limit) {
        return runs.values().stream().filter(r -> r.agent() == agent)
                .sorted(Comparator.comparing(AgentRun::startedAt).thenComparing(AgentRun::runId).reversed())
                .limit(Math.max(1, limit)).toList();
    }

    private void requireReachable() {
        if (failing) {
            throw new IllegalStateException("table unreachable (simulated)");
        }
    }

    private static String key(AgentRun run) {
        return run.agent() + "/" + run.runId();
    }
}
