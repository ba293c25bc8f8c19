package dev.lumen.fakes;

import dev.lumen.domain.knowledge.IngestPublisher;
import dev.lumen.domain.knowledge.IngestRequested;
import java.util.ArrayList;
import java.util.List;

/** An {@link IngestPublisher} that keeps what it is given, and can be told to fail (a queue that is down). */
public final class RecordingIngestPublisher implements IngestPublisher {
    private final List<IngestRequested> published = new ArrayList<>();
    private volatile boolean failing;

    @Override
    public synchronized void publish(IngestRequested request) {
        if (failing) {
            throw new IllegalStateException("queue unavailable (simulated)");
        }
        published.add(request);
    }

    public synchronized List<IngestRequested> published() {
        return List.copyOf(published);
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }
}
