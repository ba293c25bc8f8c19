package dev.lumen.domain.proactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.error.UnavailableException;
import dev.lumen.fakes.InMemoryProactiveOutbox;
import dev.lumen.fakes.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProactiveDispatchTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryProactiveOutbox outbox = new InMemoryProactiveOutbox();
    private final List<String> queue = new ArrayList<>();
    private boolean queueDown;

    private ProactiveDispatch dispatch() {
        return new ProactiveDispatch(outbox, (userId, messageId) -> {
            if (queueDown) {
                throw new UnavailableException("queue_unavailable", "down (test)", null);
            }
            queue.add(userId + "/" + messageId);
        }, clock);
    }

    private ProactiveMessage planned(String userId, Instant deliverAt) {
        ProactiveMessage message = new ProactiveMessage("p-" + userId, userId, "coach",
                new Trigger(TriggerType.INACTIVITY, 3.04, Map.of()), "Hi", NOW.minus(Duration.ofHours(1)), deliverAt,
                Channel.WEBHOOK, ProactiveState.PLANNED);
        outbox.add(message);
        return message;
    }

    @Test
    void aMessageIsQueuedOnceWhenItsDeliveryTimeComesNotBefore() {
        // GIVEN one message due now, one due in ten hours (beyond any queue delay)
        planned("ann", NOW);
        planned("bob", NOW.plus(Duration.ofHours(10)));

        // WHEN / THEN only ann's goes, once
        assertThat(dispatch().run().queued()).isEqualTo(1);
        assertThat(dispatch().run().queued()).isZero();
        assertThat(queue).containsExactly("ann/p-ann");

        // AND bob's goes ten hours later
        clock.advance(Duration.ofHours(10));
        assertThat(dispatch().run().queued()).isEqualTo(1);
        assertThat(queue).containsExactly("ann/p-ann", "bob/p-bob");
    }

    @Test
    void aMessageTheQueueRefusedStaysDueForTheNextRun() {
        planned("ann", NOW);
        queueDown = true;

        ProactiveDispatch.Outcome outcome = dispatch().run();

        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outbox.due(NOW, 10)).hasSize(1);
        queueDown = false;
        assertThat(dispatch().run().queued()).isEqualTo(1);
        assertThat(queue).containsExactly("ann/p-ann");
    }
}
