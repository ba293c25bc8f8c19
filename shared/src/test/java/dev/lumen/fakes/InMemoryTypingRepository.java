package dev.lumen.fakes;

import dev.lumen.domain.presence.TypingRepository;
import dev.lumen.domain.presence.TypingStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** In-memory {@link TypingRepository}; same contract as the real adapters. */
public final class InMemoryTypingRepository implements TypingRepository {
    private final Map<String, Map<String, TypingStatus>> bySession = new HashMap<>();

    @Override
    public synchronized void put(TypingStatus status) {
        Map<String, TypingStatus> users = bySession.computeIfAbsent(status.sessionId(), k -> new HashMap<>());
        if (status.typing()) {
            users.put(status.userId(), status);
        } else {
            users.remove(status.userId());
        }
    }

    @Override
    public synchronized List<TypingStatus> typing(String sessionId, Instant now) {
        return bySession.getOrDefault(sessionId, Map.of()).values().stream()
                .filter(s -> s.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(TypingStatus::userId))
                .toList();
    }

    /** Indicators live at {@code now} across all sessions, as the statistics count them. */
    public synchronized long live(Instant now) {
        return bySession.values().stream().flatMap(m -> m.values().stream())
                .filter(s -> s.expiresAt().isAfter(now)).count();
    }
}
