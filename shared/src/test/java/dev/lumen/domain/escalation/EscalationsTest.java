package dev.lumen.domain.escalation;

import static dev.lumen.contract.EscalationRepositoryContract.escalation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.fakes.InMemoryEscalationRepository;
import dev.lumen.fakes.RecordingEscalationPublisher;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EscalationsTest {
    private final InMemoryEscalationRepository repository = new InMemoryEscalationRepository();
    private final RecordingEscalationPublisher publisher = new RecordingEscalationPublisher();
    private final Escalations escalations = new Escalations(repository, publisher, Clock.systemUTC());

    @Test
    void resolveRecordsWhoAndWhyOnceThen409And404() {
        // GIVEN
        escalations.raise(escalation("e1", Instant.now(), "u1"));

        // WHEN
        Escalation resolved = escalations.resolve("e1", "nurse-joy", "Called the user; safe with family.");

        // THEN
        assertThat(resolved.status()).isEqualTo(EscalationStatus.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo("nurse-joy");
        assertThat(resolved.resolvedAt()).isNotNull();
        assertThatThrownBy(() -> escalations.resolve("e1", null, null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> escalations.resolve("nope", null, null)).isInstanceOf(NotFoundException.class);
        assertThat(escalations.list(EscalationStatus.RESOLVED, 10)).containsExactly(resolved);
        assertThat(escalations.list(EscalationStatus.OPEN, 10)).isEmpty();
    }

    @Test
    void badInputIsRejectedAndChangesNothing() {
        escalations.raise(escalation("e1", Instant.now(), "u1"));
        assertThatThrownBy(() -> escalations.resolve("e#1", null, null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> escalations.resolve("e1", " ", null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> escalations.resolve("e1", null, "x".repeat(2_001))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> escalations.list(EscalationStatus.OPEN, 0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> EscalationStatus.parse("closed")).isInstanceOf(ValidationException.class);
        assertThat(escalations.get("e1").status()).isEqualTo(EscalationStatus.OPEN);
    }

    @Test
    void raisingStoresThenPublishesAndMarksNotified() {
        Escalation raised = escalations.raise(escalation("e1", Instant.now(), "u1"));
        assertThat(raised.notified()).isTrue();
        assertThat(repository.find("e1").orElseThrow().notified()).isTrue();
        assertThat(publisher.published()).singleElement().satisfies(e -> assertThat(e.escalationId()).isEqualTo("e1"));
    }
}
