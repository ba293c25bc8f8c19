package dev.lumen.domain.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.CustodyExam;
import dev.lumen.domain.custody.Grade;
import dev.lumen.domain.custody.Tier;
import dev.lumen.domain.proposal.ProposalDraft;
import dev.lumen.domain.proposal.ProposalSubmission;
import dev.lumen.domain.proposal.ProposalType;
import dev.lumen.fakes.InMemoryAgentRunRepository;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryFindingRepository;
import dev.lumen.fakes.MutableClock;
import dev.lumen.fakes.RecordingAgentWorkPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AgentCyclesTest {
    private static final Instant T = Instant.parse("2026-12-07T09:30:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(T);
    private final RecordingAgentWorkPublisher publisher = new RecordingAgentWorkPublisher();
    private final InMemoryAgentRunRepository runs = new InMemoryAgentRunRepository();
    private final InMemoryFindingRepository findings = new InMemoryFindingRepository();
    private final InMemoryCustodyRepository custody = new InMemoryCustodyRepository();
    private final List<String> submitted = new CopyOnWriteArrayList<>();
    private ProposalSubmission submission = (agent, runId, drafts, at) -> {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            ids.add(runId + "-p" + i);
        }
        submitted.addAll(ids);
        return ids;
    };
    private final List<String> examined = new CopyOnWriteArrayList<>();
    private AgentExaminer examiner = (agent, runId) -> {
        examined.add(agent.slug() + "/" + runId);
        return examResult(agent.slug());
    };
    private final Map<AgentType, Agent> agents = new EnumMap<>(AgentType.class);
    private final List<CycleContext> contexts = new CopyOnWriteArrayList<>();

    private AgentCycles cycles() {
        return new AgentCycles(publisher, runs, findings, (agent, runId, drafts, at) -> submission.submit(agent, runId, drafts, at),
                (agent, runId) -> examiner.examine(agent, runId), custody, agents,
                Map.of(AgentType.GUARDIAN, Duration.ofMinutes(15)), TIMEOUT, clock);
    }

    /** An agent that reports one finding and one proposal per cycle, and remembers what it was given. */
    private Agent agent(AgentType type, Function<CycleContext, CycleOutcome> behaviour) {
        return new Agent() {
            @Override
            public AgentType type() {
                return type;
            }

            @Override
            public CycleOutcome run(CycleContext context) {
                contexts.add(context);
                clock.advance(Duration.ofSeconds(3));
                return behaviour.apply(context);
            }
        };
    }

    private static CycleOutcome oneOfEach(AgentType type, CycleContext context) {
        Finding finding = new Finding(context.runId() + "-0", type, context.runId(), FindingKind.SECURITY, Severity.HIGH,
                "Secret in chunk", "AKIA key", Map.of("chunkId", "c-1"), context.now());
        ProposalDraft draft = new ProposalDraft(ProposalType.CONFIGURATION_CHANGE, "Turn on auth", "open API",
                Map.of("setting", "LUMEN_AUTH", "value", "jwt"), Map.of());
        return new CycleOutcome(42, List.of(finding), List.of(draft), List.of());
    }

    @Test
    void aScheduledRequestIsKeyedByKindAndScheduledTime() {
        // WHEN
        AgentWork work = cycles().request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.SCHEDULE, Instant.parse("2026-12-07T09:30:00.250Z"));
        AgentWork exam = cycles().request(AgentType.GUARDIAN, WorkKind.EXAM, Trigger.SCHEDULE, Instant.parse("2026-12-07T09:30:00Z"));
        AgentWork manual = cycles().request(AgentType.CONQUEST, WorkKind.CYCLE, Trigger.MANUAL, null);

        // THEN
        assertThat(work.key()).isEqualTo("guardian-cycle-2026-12-07T09-30-00Z");
        assertThat(work.requestedAt()).isEqualTo(Instant.parse("2026-12-07T09:30:00.250Z"));
        assertThat(exam.key()).isEqualTo("guardian-exam-2026-12-07T09-30-00Z");
        assertThat(manual.key()).startsWith("manual-").hasSize("manual-".length() + 20);
        assertThat(manual.requestedAt()).isEqualTo(T);
        assertThat(publisher.published()).containsExactly(work, exam, manual);
        assertThat(dev.lumen.domain.Ids.require("runId", work.key())).isEqualTo(work.key());
    }

    @Test
    void aCycleRunsTheAgentStoresFindingsSubmitsProposalsAndRecordsTheRun() {
        // GIVEN
        agents.put(AgentType.GUARDIAN, agent(AgentType.GUARDIAN, c -> oneOfEach(AgentType.GUARDIAN, c)));
        AgentWork work = cycles().request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.SCHEDULE, T);

        // WHEN
        AgentCycles.Result result = cycles().execute(work);

        // THEN
        assertThat(result).isEqualTo(AgentCycles.Result.RAN);
        assertThat(contexts).singleElement().satisfies(c -> {
            assertThat(c.runId()).isEqualTo(work.key());
            assertThat(c.now()).isEqualTo(T);
            assertThat(c.since()).as("first cycle looks a day back").isEqualTo(T.minus(Duration.ofHours(24)));
        });
        assertThat(findings.list(AgentType.GUARDIAN, null, null, 10)).extracting(Finding::id).containsExactly(work.key() + "-0");
        assertThat(submitted).containsExactly(work.key() + "-p0");
        AgentRun run = runs.last(AgentType.GUARDIAN).orElseThrow();
        assertThat(run.outcome()).isEqualTo(AgentRun.Outcome.SUCCEEDED);
        assertThat(run.runId()).isEqualTo(work.key());
        assertThat(run.kind()).isEqualTo(WorkKind.CYCLE);
        assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULE);
        assertThat(run.startedAt()).isEqualTo(T);
        assertThat(run.endedAt()).isEqualTo(T.plusSeconds(3));
        assertThat(run.itemsRead()).isEqualTo(42);
        assertThat(run.itemsWritten()).isEqualTo(2);
        assertThat(run.errors()).isEmpty();
        assertThat(run.summary()).contains("1 finding", "1 proposal");
    }

    @Test
    void twoDeliveriesOfTheSameWorkRunTheAgentOnce() {
        AtomicInteger calls = new AtomicInteger();
        agents.put(AgentType.GUARDIAN, agent(AgentType.GUARDIAN, c -> {
            calls.incrementAndGet();
            return oneOfEach(AgentType.GUARDIAN, c);
        }));
        AgentWork work = cycles().request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.SCHEDULE, T);

        AgentCycles.Result first = cycles().execute(work);
        clock.advance(Duration.ofMinutes(1));
        AgentCycles.Result second = cycles().execute(work);
        // and again long after it finished: a finished run is never run again
        clock.advance(Duration.ofHours(2));
        AgentCycles.Result third = cycles().execute(work);

        assertThat(first).isEqualTo(AgentCycles.Result.RAN);
        assertThat(second).isEqualTo(AgentCycles.Result.DUPLICATE);
        assertThat(third).isEqualTo(AgentCycles.Result.DUPLICATE);
        assertThat(calls).hasValue(1);
        assertThat(runs.runs(AgentType.GUARDIAN, 10)).hasSize(1);
        assertThat(submitted).hasSize(1);
    }

    @Test
    void aRunAbandonedByACrashedWorkerIsTakenOverAfterTheTimeout() {
        // GIVEN a run another worker started and never finished
        agents.put(AgentType.SANDBOX, agent(AgentType.SANDBOX, c -> new CycleOutcome(1, List.of(), List.of(), List.of())));
        AgentWork work = new AgentWork(AgentType.SANDBOX, WorkKind.CYCLE, "cycle-x", Trigger.SCHEDULE, T);
        runs.start(AgentRun.started(work, T), T.minus(TIMEOUT));

        // WHEN SQS redelivers within the timeout, then after it
        clock.advance(Duration.ofMinutes(2));
        AgentCycles.Result early = cycles().execute(work);
        clock.advance(Duration.ofMinutes(28));
        AgentCycles.Result late = cycles().execute(work);

        // THEN
        assertThat(early).isEqualTo(AgentCycles.Result.DUPLICATE);
        assertThat(late).isEqualTo(AgentCycles.Result.RAN);
        assertThat(contexts).hasSize(1);
        assertThat(runs.last(AgentType.SANDBOX).orElseThrow().outcome()).isEqualTo(AgentRun.Outcome.SUCCEEDED);
    }

    @Test
    void aThrowingAgentIsRecordedFailedAndTheWorkIsNotRetried() {
        agents.put(AgentType.CONQUEST, agent(AgentType.CONQUEST, c -> {
            throw new IllegalStateException("usage ledger unreadable");
        }));
        AgentWork work = cycles().request(AgentType.CONQUEST, WorkKind.CYCLE, Trigger.MANUAL, null);

        // WHEN: returns normally, so the worker deletes the message
        AgentCycles.Result result = cycles().execute(work);

        // THEN
        assertThat(result).isEqualTo(AgentCycles.Result.RAN);
        AgentRun run = runs.last(AgentType.CONQUEST).orElseThrow();
        assertThat(run.outcome()).isEqualTo(AgentRun.Outcome.FAILED);
        assertThat(run.endedAt()).isNotNull();
        assertThat(run.errors()).singleElement().asString().contains("IllegalStateException", "usage ledger unreadable");
        assertThat(run.itemsWritten()).isZero();
        assertThat(findings.list(AgentType.CONQUEST, null, null, 10)).isEmpty();
        // a second delivery does not try again
        assertThat(cycles().execute(work)).isEqualTo(AgentCycles.Result.DUPLICATE);
    }

    @Test
    void anAgentThatIsNotBuiltFailsItsRunRecorded() {
        AgentWork work = cycles().request(AgentType.IMPERIUM, WorkKind.CYCLE, Trigger.MANUAL, null);

        cycles().execute(work);

        assertThat(runs.last(AgentType.IMPERIUM).orElseThrow()).satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(AgentRun.Outcome.FAILED);
            assertThat(run.errors()).singleElement().asString().contains("imperium");
        });
    }

    @Test
    void agentErrorsOrProposalsThatCannotBeSubmittedMakeTheRunPartial() {
        agents.put(AgentType.GUARDIAN, agent(AgentType.GUARDIAN, c -> {
            CycleOutcome one = oneOfEach(AgentType.GUARDIAN, c);
            return new CycleOutcome(one.itemsRead(), one.findings(), one.proposals(), List.of("memories index unreachable"));
        }));
        submission = (agent, runId, drafts, at) -> {
            throw new IllegalStateException("proposal store down");
        };
        AgentWork work = cycles().request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.MANUAL, null);

        cycles().execute(work);

        AgentRun run = runs.last(AgentType.GUARDIAN).orElseThrow();
        assertThat(run.outcome()).isEqualTo(AgentRun.Outcome.PARTIAL);
        assertThat(run.errors()).hasSize(2).anySatisfy(e -> assertThat(e).contains("memories index"))
                .anySatisfy(e -> assertThat(e).contains("proposals not submitted", "proposal store down"));
        assertThat(run.itemsWritten()).as("the finding was stored, no proposal").isEqualTo(1);
    }

    @Test
    void aCycleStudiesTheWindowSinceThePreviousSuccessfulCycle() {
        AtomicInteger calls = new AtomicInteger();
        agents.put(AgentType.GUARDIAN, agent(AgentType.GUARDIAN, c -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("boom");
            }
            return new CycleOutcome(0, List.of(), List.of(), List.of());
        }));
        cycles().execute(cycles().request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.SCHEDULE, T));
        clock.advance(Duration.ofMinutes(15));
        cycles().execute(cycles().request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.SCHEDULE, T.plusSeconds(900)));
        clock.advance(Duration.ofMinutes(15));
        cycles().execute(cycles().request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.SCHEDULE, T.plusSeconds(1800)));

        // the third cycle looks back past the failed second one, to the first one's start
        assertThat(contexts).hasSize(3);
        assertThat(contexts.get(1).since()).isEqualTo(T);
        assertThat(contexts.get(2).since()).isEqualTo(T);
    }

    @Test
    void anExamCallsTheExaminerOnceAndRecordsItsFigures() {
        AgentWork work = cycles().request(AgentType.SANDBOX, WorkKind.EXAM, Trigger.SCHEDULE, T);

        cycles().execute(work);
        cycles().execute(work);

        assertThat(examined).containsExactly("sandbox/sandbox-exam-2026-12-07T09-30-00Z");
        AgentRun run = runs.last(AgentType.SANDBOX).orElseThrow();
        assertThat(run.kind()).isEqualTo(WorkKind.EXAM);
        assertThat(run.outcome()).isEqualTo(AgentRun.Outcome.SUCCEEDED);
        assertThat(run.itemsRead()).isEqualTo(2);
        assertThat(run.itemsWritten()).isEqualTo(1);
        assertThat(run.summary()).contains("pass rate 50%", "BASIC", "not eligible");
    }

    @Test
    void anExaminerThatThrowsFailsTheExamRun() {
        examiner = (agent, runId) -> {
            throw new dev.lumen.domain.error.UnavailableException("examiner_not_built", "not yet", null);
        };
        cycles().execute(cycles().request(AgentType.IMPERIUM, WorkKind.EXAM, Trigger.MANUAL, null));

        assertThat(runs.last(AgentType.IMPERIUM).orElseThrow().outcome()).isEqualTo(AgentRun.Outcome.FAILED);
    }

    @Test
    void aRunThatCannotBeRecordedEscapesSoSqsRetries() {
        runs.failing(true);
        AgentCycles broken = cycles();

        assertThatThrownBy(() -> broken.execute(new AgentWork(AgentType.GUARDIAN, WorkKind.CYCLE, "k", Trigger.MANUAL, T)))
                .hasMessageContaining("table unreachable");
        assertThat(contexts).isEmpty();
    }

    @Test
    void statusListsEveryAgentWithLastRunNextRunSuccessRateAndStanding() {
        // GIVEN guardian: two scheduled successes and a failure; conquest never ran; sandbox examined
        AtomicInteger calls = new AtomicInteger();
        agents.put(AgentType.GUARDIAN, agent(AgentType.GUARDIAN, c -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("boom");
            }
            return new CycleOutcome(0, List.of(), List.of(), List.of());
        }));
        for (int i = 0; i < 3; i++) {
            cycles().execute(cycles().request(AgentType.GUARDIAN, WorkKind.CYCLE, Trigger.SCHEDULE, T.plusSeconds(900L * i)));
            clock.advance(Duration.ofMinutes(15));
        }
        custody.record("exam-1", T, examResult("sandbox"));
        clock.advance(Duration.ofMinutes(40)); // now T + 85 min: the schedule's T+30 run is long past

        // WHEN
        List<AgentStatus> status = cycles().status();

        // THEN
        assertThat(status).extracting(AgentStatus::agent).containsExactly(AgentType.values());
        AgentStatus guardian = status.get(AgentType.GUARDIAN.ordinal());
        assertThat(guardian.lastRun().outcome()).isEqualTo(AgentRun.Outcome.FAILED);
        assertThat(guardian.lastRun().requestedAt()).isEqualTo(T.plusSeconds(1800));
        assertThat(guardian.period()).isEqualTo(Duration.ofMinutes(15));
        assertThat(guardian.nextRunAt()).isEqualTo(T.plus(Duration.ofMinutes(90)));
        assertThat(guardian.successRate()).isEqualTo(2.0 / 3);
        assertThat(guardian.finishedRuns()).isEqualTo(3);
        AgentStatus conquest = status.get(AgentType.CONQUEST.ordinal());
        assertThat(conquest.lastRun()).isNull();
        assertThat(conquest.nextRunAt()).isNull();
        assertThat(conquest.successRate()).isNull();
        assertThat(conquest.period()).isEqualTo(Duration.ofMinutes(20));
        assertThat(conquest.level()).isEqualTo(1);
        assertThat(conquest.eligible()).isFalse();
        AgentStatus sandbox = status.get(AgentType.SANDBOX.ordinal());
        assertThat(sandbox.xp()).isEqualTo(120);
        assertThat(sandbox.level()).isEqualTo(2);
    }

    @Test
    void nextRunSkipsWholePeriodsThatArePast() {
        Duration period = Duration.ofMinutes(15);
        assertThat(AgentCycles.nextAfter(T, period, T.plusSeconds(60))).isEqualTo(T.plus(period));
        assertThat(AgentCycles.nextAfter(T, period, T.plus(period))).isEqualTo(T.plus(period));
        assertThat(AgentCycles.nextAfter(T, period, T.plus(Duration.ofMinutes(31)))).isEqualTo(T.plus(Duration.ofMinutes(45)));
    }

    /** A result of two tests at BASIC, one passed, 120 XP earned. */
    static CustodyExam.Result examResult(String agent) {
        CustodyExam.Standing before = CustodyExam.Standing.newcomer(agent);
        CustodyExam.Standing after = new CustodyExam.Standing(agent, 120);
        return new CustodyExam.Result(before, after, Tier.BASIC,
                List.of(new CustodyExam.CategoryScore(CustodyCategory.CODE_QUALITY, Tier.BASIC, 2, 1, 0.5)), 0.5, 120, false,
                List.of(new CustodyExam.Outcome("t-1", CustodyCategory.CODE_QUALITY, Tier.BASIC, Grade.pass("ok"), 120),
                        new CustodyExam.Outcome("t-2", CustodyCategory.CODE_QUALITY, Tier.BASIC, Grade.pass("ok"), 0)));
    }
}
