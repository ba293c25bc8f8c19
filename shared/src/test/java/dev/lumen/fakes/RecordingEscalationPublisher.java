package dev.lumen.fakes;

import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationPublisher;
import java.util.ArrayList;
import java.util.List;

/** An {@link EscalationPublisher} that keeps what it is given, and can be told to fail (a queue that is down). */
public final class RecordingEscalationPublisher implements EscalationPublisher {
    private final List<Escalation> published = new ArrayList<>();
    private volatile boolean failing;

    @Override
    public synchronized void publish(Escalation escalation) {
        if (failing) {
            throw new IllegalStateException("queue unavailable (simulated)");
        }
        published.add(escalation);
    }

    public synchronized List<Escalation> published() {
        return List.copyOf(published);
    }

    public void failing(boolean value) {
        this.failing = value;
    }
}
