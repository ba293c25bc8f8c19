package dev.lumen.fakes;

import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.AgentWorkPublisher;
import java.util.ArrayList;
import java.util.List;

/** An {@link AgentWorkPublisher} that keeps what it is given, and can be told to fail (a queue that is down). */
public final class RecordingAgentWorkPublisher implements AgentWorkPublisher {
    private final List<AgentWork> published = new ArrayList<>();
    private volatile boolean failing;

    @Override
    public synchronized void publish(AgentWork work) {
        if (failing) {
            throw new IllegalStateException("queue unavailable (simulated)");
        }
        published.add(work);
    }

    public synchronized List<AgentWork> published() {
        return List.copyOf(published);
    }

    public void failing(boolean value) {
        this.failing = value;
    }
}
