package dev.lumen.fakes;

import dev.lumen.domain.memory.InteractionPublisher;
import dev.lumen.domain.memory.InteractionRecorded;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link InteractionPublisher} that keeps what it is given, and can be told to fail (a queue
 * that is down) or to hand interactions straight to a consumer (a worker in the same test).
 */
public final class RecordingInteractionPublisher implements InteractionPublisher {
    private final List<InteractionRecorded> published = new ArrayList<>();
    private volatile boolean failing;
    private volatile Consumer<InteractionRecorded> consumer = interaction -> { };

    @Override
    public synchronized void publish(InteractionRecorded interaction) {
        if (failing) {
            throw new IllegalStateException("queue unavailable (simulated)");
        }
        published.add(interaction);
        consumer.accept(interaction);
    }

    public synchronized List<InteractionRecorded> published() {
        return List.copyOf(published);
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }

    /** Every interaction published from now on is also handed to {@code consumer}, synchronously. */
    public void deliverTo(Consumer<InteractionRecorded> consumer) {
        this.consumer = consumer;
    }
}
