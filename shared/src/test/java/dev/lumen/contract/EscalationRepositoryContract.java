package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationRepository;
import dev.lumen.domain.escalation.EscalationStatus;
import dev.lumen.domain.safety.CrisisCategory;
import dev.lumen.domain.safety.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EscalationRepository} must do. Each case gets an empty repository. */
public abstract class EscalationRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.000000001Z");

    private EscalationRepository repository;

    /** An empty repository for one test case. */
    protected abstract EscalationRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    public static Escalation escalation(String id, Instant at, String userId) {
        return new Escalation(id, "default", "ada", "s1", userId, "m-" + id, Severity.HIGH,
                Set.of(CrisisCategory.SUICIDE_SELF_HARM, CrisisCategory.ACUTE_CRISIS),
                List.of("pattern HIGH: end my life", "exemplar 0.83 (look-alike 0.41): I want to die"),
                "en-gb", EscalationStatus.OPEN, false, at, null, null, null);
    }

    @Test
    void aCreatedEscalationReadsBackExactly() {
        // GIVEN
        Escalation raised = escalation(Ids.random(), T0, "u1");
        Escalation anonymous = escalation(Ids.random(), T0, null);

        // WHEN
        repository.create(raised);
        repository.create(anonymous);

        // THEN
        assertThat(repository.find(raised.escalationId())).contains(raised);
        assertThat(repository.find(anonymous.escalationId())).contains(anonymous);
        assertThat(repository.find("unknown")).isEmpty();
    }

    @Test
    void anIdCannotBeCreatedTwice() {
        Escalation raised = escalation(Ids.random(), T0, "u1");
        repository.create(raised);
        assertThatThrownBy(() -> repository.create(escalation(raised.escalationId(), T0.plusSeconds(1), "u2")))
                .isInstanceOf(ConflictException.class);
        assertThat(repository.find(raised.escalationId())).contains(raised);
    }

    @Test
    void eachStatusListsNewestFirstUpToTheLimit() {
        // GIVEN three open escalations, created in order
        Escalation first = escalation("e1-" + Ids.random(), T0, "u1");
        Escalation second = escalation("e2-" + Ids.random(), T0.plusMillis(1), "u1");
        Escalation third = escalation("e3-" + Ids.random(), T0.plusSeconds(60), "u2");
        repository.create(second);
        repository.create(third);
        repository.create(first);

        // WHEN one is resolved
        assertThat(repository.resolve(second.escalationId(), T0.plusSeconds(120), "nurse-joy", "called back")).isTrue();

        // THEN
        assertThat(repository.list(EscalationStatus.OPEN, 10)).extracting(Escalation::escalationId)
                .containsExactly(third.escalationId(), first.escalationId());
        assertThat(repository.list(EscalationStatus.OPEN, 1)).extracting(Escalation::escalationId)
                .containsExactly(third.escalationId());
        assertThat(repository.list(EscalationStatus.RESOLVED, 10)).singleElement().satisfies(e -> {
            assertThat(e.escalationId()).isEqualTo(second.escalationId());
            assertThat(e.status()).isEqualTo(EscalationStatus.RESOLVED);
            assertThat(e.resolvedAt()).isEqualTo(T0.plusSeconds(120));
            assertThat(e.resolvedBy()).isEqualTo("nurse-joy");
            assertThat(e.note()).isEqualTo("called back");
            assertThat(e.createdAt()).isEqualTo(second.createdAt());
        });
    }

    @Test
    void resolvingTwiceOrUnknownChangesNothing() {
        // GIVEN
        Escalation raised = escalation(Ids.random(), T0, "u1");
        repository.create(raised);
        assertThat(repository.resolve(raised.escalationId(), T0.plusSeconds(1), null, null)).isTrue();
        Escalation resolved = repository.find(raised.escalationId()).orElseThrow();

        // WHEN / THEN
        assertThat(repository.resolve(raised.escalationId(), T0.plusSeconds(2), "someone-else", "again")).isFalse();
        assertThat(repository.resolve("no-such-escalation", T0, null, null)).isFalse();
        assertThat(repository.find(raised.escalationId())).contains(resolved);
        assertThat(resolved.resolvedBy()).isNull();
        assertThat(repository.find("no-such-escalation")).isEmpty();
    }

    @Test
    void unnotifiedListsOpenEscalationsWhoseHandOffDidNotReachTheQueue() {
        // GIVEN
        Escalation delivered = escalation("a-" + Ids.random(), T0, "u1");
        Escalation stuck = escalation("b-" + Ids.random(), T0.plusSeconds(1), "u1");
        Escalation stuckButResolved = escalation("c-" + Ids.random(), T0.plusSeconds(2), "u1");
        repository.create(delivered);
        repository.create(stuck);
        repository.create(stuckButResolved);

        // WHEN
        repository.markNotified(delivered.escalationId());
        repository.markNotified("no-such-escalation");
        repository.resolve(stuckButResolved.escalationId(), T0.plusSeconds(3), null, null);

        // THEN
        assertThat(repository.unnotified(10)).extracting(Escalation::escalationId).containsExactly(stuck.escalationId());
        assertThat(repository.find(delivered.escalationId()).orElseThrow().notified()).isTrue();
        assertThat(repository.find("no-such-escalation")).isEmpty();
    }
}
