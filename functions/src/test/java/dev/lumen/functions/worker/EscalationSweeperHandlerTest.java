package dev.lumen.functions.worker;

import dev.lumen.functions.observability.InvocationCapture;
import dev.lumen.functions.observability.LambdaContextStub;
import com.fasterxml.jackson.databind.JsonNode;
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

    @Test
    void aSweepLogsWithItsInvocationContextAndAFailedSweepIsAnError() {
        try (InvocationCapture capture = new InvocationCapture()) {
            // GIVEN one late escalation and a queue that logs when it publishes
            InMemoryEscalationRepository repository = new InMemoryEscalationRepository();
            RecordingEscalationPublisher down = new RecordingEscalationPublisher();
            down.failing(true);
            new Escalations(repository, down, Clock.systemUTC())
                    .raise(EscalationRepositoryContract.escalation("esc-late", Instant.now(), "u1"));
            EscalationSweeperHandler sweeper = new EscalationSweeperHandler(new Escalations(repository,
                    escalation -> capture.logger().info("escalation published"), Clock.systemUTC()));

            // WHEN
            int published = sweeper.handleRequest(EventLoader.loadScheduledEvent("events/schedule-sweep.json"),
                    new LambdaContextStub("req-sweep-1", "lumen-dev-EscalationSweeperFunction"));

            // THEN
            assertThat(published).isEqualTo(1);
            JsonNode line = capture.logged("escalation published").get(0);
            assertThat(line.path("requestId").asText()).isEqualTo("req-sweep-1");
            assertThat(line.path("function").asText()).isEqualTo("lumen-dev-EscalationSweeperFunction");
            assertThat(line.path("handler").asText()).isEqualTo("EscalationSweeper");
            JsonNode metric = capture.invocationMetric();
            assertThat(metric.path("Kind").asText()).isEqualTo("schedule");
            assertThat(metric.path("Handler").asText()).isEqualTo("EscalationSweeper");
            assertThat(metric.path("Errors").asInt()).isZero();
            capture.assertContextCleared();
        }
        try (InvocationCapture capture = new InvocationCapture()) {
            // AND a sweep whose store fails is rethrown to Lambda, counted as an error, and leaves no context
            EscalationSweeperHandler broken = new EscalationSweeperHandler(new Escalations(
                    (dev.lumen.domain.escalation.EscalationRepository) java.lang.reflect.Proxy.newProxyInstance(
                            getClass().getClassLoader(), new Class<?>[] {dev.lumen.domain.escalation.EscalationRepository.class},
                            (proxy, method, args) -> {
                                throw new IllegalStateException("table unavailable");
                            }), new RecordingEscalationPublisher(), Clock.systemUTC()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.handleRequest(
                    EventLoader.loadScheduledEvent("events/schedule-sweep.json"),
                    new LambdaContextStub("req-sweep-2", "lumen-dev-EscalationSweeperFunction")))
                    .hasMessage("table unavailable");
            JsonNode metric = capture.invocationMetric();
            assertThat(metric.path("Errors").asInt()).isEqualTo(1);
            assertThat(metric.path("requestId").asText()).isEqualTo("req-sweep-2");
            capture.assertContextCleared();
        }
    }
}
