package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.agent.AgentRun;
import dev.lumen.domain.agent.AgentRunRepository;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AgentRunRepository} must do. Each case gets a fresh, empty repository. */
public abstract class AgentRunRepositoryContract {
    private static final Instant T = Instant.parse("2026-12-07T09:30:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private AgentRunRepository repository;

    protected abstract AgentRunRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    public static AgentRun started(AgentType agent, String runId, Instant at) {
        return AgentRun.started(new AgentWork(agent, WorkKind.CYCLE, runId, Trigger.SCHEDULE, at.minusSeconds(1)), at);
    }

    @Test
    void aNewRunStartsOnceAndReadsBackWhole() {
        // GIVEN
        AgentRun run = started(AgentType.GUARDIAN, "cycle-2026-12-07T09-30-00Z", T.plusMillis(123));

        // WHEN
        boolean first = repository.start(run, T.minus(TIMEOUT));
        boolean second = repository.start(started(AgentType.GUARDIAN, run.runId(), T.plusSeconds(2)), T.plusSeconds(2).minus(TIMEOUT));

        // THEN
        assertThat(first).isTrue();
        assertThat(second).as("a duplicate delivery while the first runs").isFalse();
        assertThat(repository.runs(AgentType.GUARDIAN, 10)).containsExactly(run);
        assertThat(repository.last(AgentType.GUARDIAN)).contains(run);
    }

    @Test
    void aFinishedRunReplacesItsRunningRecordAndIsNeverStartedAgain() {
        AgentRun run = started(AgentType.CONQUEST, "manual-abc", T);
        repository.start(run, T.minus(TIMEOUT));
        AgentRun done = run.finish(T.plusSeconds(40), AgentRun.Outcome.PARTIAL, 12, 3, List.of("one source failed"), "3 findings");

        repository.finish(done);

        assertThat(repository.runs(AgentType.CONQUEST, 10)).containsExactly(done);
        // even long after, and even though it was not a success
        Instant later = T.plus(Duration.ofDays(1));
        assertThat(repository.start(started(AgentType.CONQUEST, "manual-abc", later), later.minus(TIMEOUT))).isFalse();
        assertThat(repository.last(AgentType.CONQUEST)).contains(done);
    }

    @Test
    void aRunLeftRunningPastTheTimeoutIsTakenOverByTheRedelivery() {
        // GIVEN a worker that started the run, then died
        repository.start(started(AgentType.SANDBOX, "cycle-x", T), T.minus(TIMEOUT));

        // WHEN SQS redelivers: too early, then after the timeout
        Instant early = T.plus(Duration.ofMinutes(2));
        boolean tooEarly = repository.start(started(AgentType.SANDBOX, "cycle-x", early), early.minus(TIMEOUT));
        Instant late = T.plus(Duration.ofMinutes(30));
        AgentRun retaken = started(AgentType.SANDBOX, "cycle-x", late);
        boolean afterTimeout = repository.start(retaken, late.minus(TIMEOUT));

        // THEN only the late one takes it over, and there is still one run
        assertThat(tooEarly).isFalse();
        assertThat(afterTimeout).isTrue();
        assertThat(repository.runs(AgentType.SANDBOX, 10)).containsExactly(retaken);
    }

    @Test
    void runsAreEachAgentsOwnNewestFirstAndLimited() {
        AgentRun a = started(AgentType.IMPERIUM, "a", T);
        AgentRun b = started(AgentType.IMPERIUM, "b", T.plusSeconds(60));
        AgentRun c = started(AgentType.IMPERIUM, "c", T.plusSeconds(120));
        // The same run id for another agent is another run (scheduled keys repeat across agents).
        AgentRun other = started(AgentType.GUARDIAN, "b", T.plusSeconds(90));
        for (AgentRun run : List.of(b, a, c, other)) {
            assertThat(repository.start(run, T.minus(TIMEOUT))).isTrue();
        }

        assertThat(repository.runs(AgentType.IMPERIUM, 2)).extracting(AgentRun::runId).containsExactly("c", "b");
        assertThat(repository.runs(AgentType.IMPERIUM, 10)).extracting(AgentRun::runId).containsExactly("c", "b", "a");
        assertThat(repository.runs(AgentType.GUARDIAN, 10)).containsExactly(other);
        assertThat(repository.runs(AgentType.CONQUEST, 10)).isEmpty();
        assertThat(repository.last(AgentType.CONQUEST)).isEmpty();
    }

    @Test
    void instantsKeepTheirPrecision() {
        Instant precise = T.plusNanos(123_456_789).truncatedTo(ChronoUnit.NANOS);
        AgentRun run = started(AgentType.GUARDIAN, "precise", precise);
        repository.start(run, precise.minus(TIMEOUT));
        AgentRun done = run.finish(precise.plusNanos(5), AgentRun.Outcome.FAILED, 0, 0, List.of("boom"), "failed: boom");
        repository.finish(done);

        assertThat(repository.last(AgentType.GUARDIAN)).contains(done);
    }
}
