package dev.lumen.fakes;

import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationRepository;
import dev.lumen.domain.escalation.EscalationStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link EscalationRepository} in a map; the same ordering rules as the DynamoDB adapter. */
public final class InMemoryEscalationRepository implements EscalationRepository {
    private static final Comparator<Escalation> OLDEST_FIRST =
            Comparator.comparing(Escalation::createdAt).thenComparing(Escalation::escalationId);

    private final Map<String, Escalation> escalations = new LinkedHashMap<>();
    private volatile boolean failing;

    /** Every call fails from now on, as a table that is down would. */
    public void failing(boolean value) {
        this.failing = value;
    }

    @Override
    public synchronized void create(Escalation escalation) {
        check();
        if (escalations.containsKey(escalation.escalationId())) {
            throw new ConflictException("escalation_exists", "escalation '" + escalation.escalationId() + "' exists");
        }
        escalations.put(escalation.escalationId(), escalation);
    }

    @Override
    public synchronized Optional<Escalation> find(String escalationId) {
        check();
        return Optional.ofNullable(escalations.get(escalationId));
    }

    @Override
    public synchronized List<Escalation> list(EscalationStatus status, int limit) {
        check();
        return escalations.values().stream().filter(e -> e.status() == status)
                .sorted(OLDEST_FIRST.reversed()).limit(limit).toList();
    }

    @Override
    public synchronized boolean resolve(String escalationId, Instant at, String resolvedBy, String note) {
        check();
        Escalation found = escalations.get(escalationId);
        if (found == null || found.status() != EscalationStatus.OPEN) {
            return false;
        }
        escalations.put(escalationId, found.resolved(at, resolvedBy, note));
        return true;
    }

    @Override
    public synchronized void markNotified(String escalationId) {
        check();
        escalations.computeIfPresent(escalationId, (id, e) -> e.withNotified(true));
    }

    @Override
    public synchronized List<Escalation> unnotified(int limit) {
        check();
        return escalations.values().stream().filter(e -> e.status() == EscalationStatus.OPEN && !e.notified())
                .sorted(OLDEST_FIRST).limit(limit).toList();
    }

    private void check() {
        if (failing) {
            throw new IllegalStateException("table unavailable (simulated)");
        }
    }
}
