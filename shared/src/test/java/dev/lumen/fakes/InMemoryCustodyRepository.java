package dev.lumen.fakes;

import dev.lumen.domain.custody.CustodyExam;
import dev.lumen.domain.custody.CustodyRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** In-memory {@link CustodyRepository} for domain unit tests. */
public final class InMemoryCustodyRepository implements CustodyRepository {
    private final Map<String, AgentRecord> agents = new HashMap<>();
    private final Map<String, RunSummary> runs = new HashMap<>();

    @Override
    public synchronized AgentRecord agent(String agent) {
        return agents.getOrDefault(agent, AgentRecord.newcomer(agent));
    }

    @Override
    public synchronized boolean record(String runId, Instant at, CustodyExam.Result result) {
        RunSummary summary = CustodyRepository.summary(runId, at, result);
        String key = summary.agent() + "/" + at + "/" + runId;
        if (runs.containsKey(key)) {
            return false;
        }
        runs.put(key, summary);
        AgentRecord current = agent(summary.agent());
        agents.put(summary.agent(), new AgentRecord(new CustodyExam.Standing(summary.agent(),
                current.standing().xp() + result.xpEarned()), result.eligible(), at));
        return true;
    }

    @Override
    public synchronized List<RunSummary> runs(String agent, int limit) {
        List<RunSummary> found = new ArrayList<>();
        runs.values().stream().filter(r -> r.agent().equals(agent))
                .sorted(Comparator.comparing(RunSummary::at).thenComparing(RunSummary::runId).reversed())
                .limit(limit).forEach(found::add);
        return List.copyOf(found);
    }
}
