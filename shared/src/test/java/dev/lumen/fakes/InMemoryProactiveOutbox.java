package dev.lumen.fakes;

import dev.lumen.domain.proactive.ProactiveMessage;
import dev.lumen.domain.proactive.ProactiveOutbox;
import dev.lumen.domain.proactive.ProactiveState;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory {@link ProactiveOutbox}; same contract as the real adapters. */
public final class InMemoryProactiveOutbox implements ProactiveOutbox {
    private final Map<String, ProactiveMessage> byId = new LinkedHashMap<>();
    private final Set<String> queued = new HashSet<>();

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
    public synchronized List<ProactiveMessage> latest(String userId, int limit) {
        return byId.values().stream().filter(m -> m.userId().equals(userId))
                .sorted(Comparator.comparing(ProactiveMessage::plannedAt).thenComparing(ProactiveMessage::id).reversed())
                .limit(limit).toList();
    }

    @Override
    public synchronized Optional<ProactiveMessage> find(String userId, String messageId) {
        return Optional.ofNullable(byId.get(messageId)).filter(m -> m.userId().equals(userId));
    }

    @Override
    public synchronized List<ProactiveMessage> due(Instant now, int limit) {
        return byId.values().stream()
                .filter(m -> m.state() == ProactiveState.PLANNED && !queued.contains(m.id()) && !m.deliverAt().isAfter(now))
                .sorted(Comparator.comparing(ProactiveMessage::deliverAt).thenComparing(ProactiveMessage::userId)
                        .thenComparing(ProactiveMessage::id))
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean markQueued(String userId, String messageId) {
        Optional<ProactiveMessage> found = find(userId, messageId);
        if (found.isEmpty() || found.get().state() != ProactiveState.PLANNED) {
            return false;
        }
        return queued.add(messageId);
    }

    @Override
    public synchronized boolean markSent(String userId, String messageId, Instant at) {
        return settle(userId, messageId, ProactiveState.SENT, at, null);
    }

    @Override
    public synchronized boolean markFailed(String userId, String messageId, Instant at, String reason) {
        return settle(userId, messageId, ProactiveState.FAILED, at, reason);
    }

    @Override
    public synchronized int eraseUser(String userId) {
        int before = byId.size();
        byId.values().removeIf(m -> m.userId().equals(userId));
        queued.retainAll(byId.keySet());
        return before - byId.size();
    }

    /** Every message, in the order added. */
    public synchronized List<ProactiveMessage> all() {
        return List.copyOf(byId.values());
    }

    private boolean settle(String userId, String messageId, ProactiveState next, Instant at, String reason) {
        Optional<ProactiveMessage> found = find(userId, messageId);
        if (found.isEmpty() || found.get().state() != ProactiveState.PLANNED) {
            return false;
        }
        byId.put(messageId, found.get().settled(next, at, reason));
        queued.remove(messageId);
        return true;
    }
}
