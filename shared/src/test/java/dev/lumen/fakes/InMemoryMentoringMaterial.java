package dev.lumen.fakes;

import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.MentoringMaterial;
import dev.lumen.domain.custody.WorkedExample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link MentoringMaterial} in memory, for domain tests. */
public final class InMemoryMentoringMaterial implements MentoringMaterial {
    private final Map<String, Map<String, WorkedExample>> examples = new ConcurrentHashMap<>();
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();

    @Override
    public List<WorkedExample> examples(String agent, CustodyCategory category) {
        return examples.getOrDefault(agent, Map.of()).values().stream()
                .filter(e -> e.category() == category)
                .sorted(Comparator.comparing(WorkedExample::testId)).toList();
    }

    @Override
    public synchronized void add(String agent, List<WorkedExample> added) {
        Map<String, WorkedExample> held = examples.computeIfAbsent(agent, a -> new TreeMap<>());
        added.forEach(e -> held.put(e.testId(), e));
    }

    @Override
    public void record(Transfer transfer) {
        transfers.putIfAbsent(transfer.student() + "|" + transfer.runId() + "|" + transfer.category(), transfer);
    }

    @Override
    public List<Transfer> transfers(String student, int limit) {
        List<Transfer> theirs = new ArrayList<>(transfers.values().stream()
                .filter(t -> t.student().equals(student)).toList());
        theirs.sort(Comparator.comparing(Transfer::at).thenComparing(t -> t.category().name()).reversed());
        return List.copyOf(theirs.subList(0, Math.min(Math.max(0, limit), theirs.size())));
    }
}
