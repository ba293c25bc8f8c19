package dev.lumen.fakes;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.FindingRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** In-memory {@link FindingRepository} for domain unit tests. */
public final class InMemoryFindingRepository implements FindingRepository {
    private final Map<String, Finding> findings = new LinkedHashMap<>();

    @Override
    public synchronized void saveAll(List<Finding> list) {
        list.forEach(f -> findings.put(f.agent() + "/" + f.id(), f));
    }

    @Override
    public synchronized List<Finding> list(AgentType agent, FindingKind kind, Instant since, int limit) {
        return findings.values().stream()
                .filter(f -> agent == null || f.agent() == agent)
                .filter(f -> kind == null || f.kind() == kind)
                .filter(f -> since == null || !f.at().isBefore(since))
                .sorted(Comparator.comparing(Finding::at).thenComparing(Finding::id).reversed())
                .limit(Math.max(1, limit)).toList();
    }
}
