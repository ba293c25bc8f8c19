package dev.lumen.fakes;

import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.InteractionSweeper;
import dev.lumen.domain.memory.PendingInteraction;
import dev.lumen.domain.memory.PendingInteractions;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-memory {@link PendingInteractions}; same contract as the real adapters. Filled by
 * {@link InMemoryConversationRepository} and emptied by {@link InMemoryLearningRepository} when
 * they are built with it, as the DynamoDB adapters share one table.
 */
public final class InMemoryPendingInteractions implements PendingInteractions {
    private static final Comparator<PendingInteraction> OLDEST_FIRST = Comparator
            .comparing(PendingInteraction::nextAttemptAt)
            .thenComparing(p -> p.interaction().interactionId());

    private record Entry(PendingInteraction pending, boolean parked) {
    }

    private final Map<String, Entry> byId = new HashMap<>();

    /** Stores a turn's interaction as pending, due {@link InteractionSweeper#GRACE} after it happened. */
    public synchronized void add(InteractionRecorded interaction) {
        byId.put(interaction.interactionId(), new Entry(
                new PendingInteraction(interaction, 0, interaction.occurredAt().plus(InteractionSweeper.GRACE)), false));
    }

    /** What the worker does once an interaction is applied. */
    public synchronized void remove(String interactionId) {
        byId.remove(interactionId);
    }

    /** A stored interaction, pending or parked, as an operator would look it up. */
    public synchronized Optional<PendingInteraction> find(String interactionId) {
        return Optional.ofNullable(byId.get(interactionId)).map(Entry::pending);
    }

    public synchronized boolean isParked(String interactionId) {
        Entry entry = byId.get(interactionId);
        return entry != null && entry.parked();
    }

    @Override
    public synchronized List<PendingInteraction> due(Instant now, int limit) {
        return byId.values().stream()
                .filter(e -> !e.parked() && !e.pending().nextAttemptAt().isAfter(now))
                .map(Entry::pending)
                .sorted(OLDEST_FIRST)
                .limit(Math.max(0, limit))
                .toList();
    }

    @Override
    public synchronized void rescheduled(String interactionId, Instant nextAttemptAt) {
        Entry entry = byId.get(interactionId);
        // Like the real store: an interaction applied or parked meanwhile stays as it is.
        if (entry != null && !entry.parked()) {
            PendingInteraction p = entry.pending();
            byId.put(interactionId, new Entry(new PendingInteraction(p.interaction(), p.attempts() + 1, nextAttemptAt), false));
        }
    }

    @Override
    public synchronized void parked(String interactionId) {
        Entry entry = byId.get(interactionId);
        if (entry != null) {
            byId.put(interactionId, new Entry(entry.pending(), true));
        }
    }
}
