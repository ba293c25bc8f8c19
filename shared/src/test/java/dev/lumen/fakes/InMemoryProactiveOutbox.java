package dev.lumen.fakes;

import dev.lumen.domain.proactive.ProactiveMessage;
import dev.lumen.domain.proactive.ProactiveOutbox;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** In-memory {@link ProactiveOutbox}; same contract as the real adapters. */
public final class InMemoryProactiveOutbox implements ProactiveOutbox {
    private final Map<String, ProactiveMessage> byId = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(ProactiveMessage message) {
        return byId.putIfAbsent(message.id(), message) == null;
    }

    @Override
    public synchronized List<ProactiveMessage> recent(String userId, Instant since) {
        return byId.values().stream()
                .filter(m -> m.userId().equals(userId) && !m.plannedAt().isBefore(since))
                .sorted(Comparator.comparing(ProactiveMessage::plannedAt).thenComparing(ProactiveMessage::id))
                .toList();
    }

    @Override
    public synchronized int eraseUser(String userId) {
        int before = byId.size();
        byId.values().removeIf(m -> m.userId().equals(userId));
        return before - byId.size();
    }

    /** Every message, in the order added. */
    public synchronized List<ProactiveMessage> all() {
        return List.copyOf(byId.values());
    }
}
