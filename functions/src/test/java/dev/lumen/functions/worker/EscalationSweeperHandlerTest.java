package dev.lumen.functions.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.lumen.contract.EscalationRepositoryContract;
import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.Escalations;
import dev.lumen.fakes.InMemoryEscalationRepository;
import dev.lumen.fakes.RecordingEscalationPublisher;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EscalationSweeperHandlerTest {

    @Test
    void escalationsStoredWhileTheQueueWasDownArePublishedOnTheNextSweep() {
        // GIVEN one escalation raised while the queue was down
        InMemoryEscalationRepository repository = new InMemoryEscalationRepository();
        RecordingEscalationPublisher queue = new RecordingEscalationPublisher();
        Escalations escalations = new Escalations(repository, queue, Clock.systemUTC());
        queue.failing(true);
        escalations.raise(EscalationRepositoryContract.escalation("esc-late", Instant.now(), "u1"));
        queue.failing(false);
        EscalationSweeperHandler sweeper = new EscalationSweeperHandler(escalations);

        // WHEN the schedule fires twice
        int first = sweeper.handleRequest(EventLoader.loadScheduledEvent("events/schedule-sweep.json"), null);
        int second = sweeper.handleRequest(EventLoader.loadScheduledEvent("events/schedule-sweep.json"), null);

        // THEN it is published once, and marked so
        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(queue.published()).extracting(Escalation::escalationId).containsExactly("esc-late");
        assertThat(repository.find("esc-late").orElseThrow().notified()).isTrue();
    }
}
