package dev.lumen.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.domain.agent.AgentCycles;
import dev.lumen.domain.agent.AgentRun;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import dev.lumen.domain.agent.sandbox.Sandbox;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.custody.Custody;
import dev.lumen.domain.custody.CustodyExam;
import dev.lumen.domain.custody.Graders;
import dev.lumen.domain.custody.RubricGrader;
import dev.lumen.domain.custody.TestBank;
import dev.lumen.domain.error.BudgetExceededException;
import dev.lumen.fakes.InMemoryAgentRunRepository;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryExamTranscripts;
import dev.lumen.fakes.InMemoryFindingRepository;
import dev.lumen.fakes.InMemoryMentoringMaterial;
import dev.lumen.fakes.InMemoryUsageLedger;
import dev.lumen.fakes.MutableClock;
import dev.lumen.fakes.RecordingAgentWorkPublisher;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The agents' model calls are metered: custody examinations (answers and rubric grading) and
 * Sandbox's experiments, run through the agent worker's use case over the real test bank, with a
 * model that answers as the offline one but bills as Claude 3 Haiku (3,600 input and 200 output
 * tokens a call: $0.00115).
 */
class AgentModelMeterTest {
    private static final Instant T = Instant.parse("2026-12-07T09:30:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-07");
    private static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final BigDecimal PER_CALL = new BigDecimal("0.00115");

    private final MutableClock clock = new MutableClock(T);
    private final RecordingLedger ledger = new RecordingLedger();
    private final PricedModel priced = new PricedModel();
    private final InMemoryCustodyRepository custodyRuns = new InMemoryCustodyRepository();
    private final InMemoryAgentRunRepository runs = new InMemoryAgentRunRepository();

    @Test
    void everyAnswerAndGradeOfAnExaminationIsChargedToTheAgentOnce() {
        // GIVEN the custody use case on the metered model (examinee and judge)
        AgentModelMeter meter = meter(null);
        Custody custody = custody(meter, new InMemoryExamTranscripts());

        // WHEN the worker examines Guardian
        cycles(custody).execute(new AgentWork(AgentType.GUARDIAN, WorkKind.EXAM, "guardian-exam-1", Trigger.MANUAL, T));

        // THEN every model call is in Guardian's account, priced, on its UTC day and month
        AgentRun run = runs.runs(AgentType.GUARDIAN, 1).get(0);
        assertThat(run.outcome()).isEqualTo(AgentRun.Outcome.SUCCEEDED);
        CustodyExam.Result result = custody.latestTranscript(AgentType.GUARDIAN).orElseThrow().result();
        int calls = priced.calls.get();
        assertThat(calls).isGreaterThan(result.outcomes().size()); // one answer each, plus the rubric judge's calls
        UsageTotals expected = new UsageTotals(calls, 3600L * calls, 200L * calls, PER_CALL.multiply(BigDecimal.valueOf(calls)));
        assertThat(ledger.day(Account.agent("guardian"), DAY)).isEqualTo(expected);
        assertThat(ledger.month(Account.agent("guardian"), YearMonth.from(DAY))).isEqualTo(expected);
        // AND the receipts name the run, the purpose and the test
        List<String> receipts = ledger.recorded.stream().map(ChargedCall::callId).toList();
        result.outcomes().forEach(o -> assertThat(receipts).contains("agent:guardian-exam-1:answer:" + o.testId() + ":1"));
        List<String> rubricTests = custody.bank().all().stream()
                .filter(t -> t.grader().type().equals(RubricGrader.TYPE))
                .map(t -> t.id()).filter(id -> result.outcomes().stream().anyMatch(o -> o.testId().equals(id))).toList();
        assertThat(rubricTests).isNotEmpty();
        rubricTests.forEach(id -> assertThat(receipts).contains("agent:guardian-exam-1:grade:" + id + ":1"));
        assertThat(receipts).hasSize(calls).doesNotHaveDuplicates();
        // AND nobody else paid
        assertThat(ledger.recorded).allSatisfy(c -> assertThat(c.accounts()).containsExactly(Account.agent("guardian")));
    }

    @Test
    void aRunRetakenAfterACrashIsNotCountedTwice() {
        // GIVEN an examination recorded in the ledger
        AgentModelMeter meter = meter(null);
        cycles(custody(meter, new InMemoryExamTranscripts()))
                .execute(new AgentWork(AgentType.CONQUEST, WorkKind.EXAM, "conquest-exam-1", Trigger.MANUAL, T));
        int firstCalls = priced.calls.get();
        UsageTotals once = ledger.day(Account.agent("conquest"), DAY);

        // WHEN the same run is done again from scratch (its worker died before the transcript was saved)
        Custody fresh = custody(meter, new InMemoryExamTranscripts());
        AgentCallScope.run("conquest", "conquest-exam-1", () -> fresh.examine(AgentType.CONQUEST, "conquest-exam-1"));

        // THEN the model was asked again, and the ledger still counts the run once
        assertThat(priced.calls.get()).isEqualTo(2 * firstCalls);
        assertThat(ledger.day(Account.agent("conquest"), DAY)).isEqualTo(once);
    }

    @Test
    void sandboxAnswersEachTestOncePerVariantAndBothAreCounted() {
        // GIVEN
        AgentModelMeter meter = meter(null);
        Custody custody = custody(meter, new InMemoryExamTranscripts());

        // WHEN Sandbox runs an experiment
        cycles(custody, new Sandbox(custody))
                .execute(new AgentWork(AgentType.SANDBOX, WorkKind.CYCLE, "sandbox-cycle-1", Trigger.MANUAL, T));

        // THEN variant A's and B's answers to one test have receipts 1 and 2; all calls are Sandbox's
        assertThat(runs.runs(AgentType.SANDBOX, 1).get(0).outcome()).isEqualTo(AgentRun.Outcome.SUCCEEDED);
        List<String> receipts = ledger.recorded.stream().map(ChargedCall::callId).toList();
        assertThat(receipts).anyMatch(id -> id.startsWith("agent:sandbox-cycle-1:answer:") && id.endsWith(":2"));
        assertThat(ledger.day(Account.agent("sandbox"), DAY).calls()).isEqualTo(priced.calls.get());
    }

    @Test
    void overItsDailyBudgetAnAgentStopsCallingTheModelAndItsExaminationFails() {
        // GIVEN a budget of $0.005 a day: four calls ($0.0046) stay under it, the fifth reaches it
        AgentModelMeter meter = meter(new BigDecimal("0.005"));
        Custody custody = custody(meter, new InMemoryExamTranscripts());

        // WHEN Guardian is examined
        cycles(custody).execute(new AgentWork(AgentType.GUARDIAN, WorkKind.EXAM, "guardian-exam-2", Trigger.MANUAL, T));

        // THEN five calls were made and paid, none after; the run failed saying why; nothing was recorded in custody
        assertThat(priced.calls.get()).isEqualTo(5);
        assertThat(ledger.day(Account.agent("guardian"), DAY).costUsd()).isEqualByComparingTo("0.00575");
        AgentRun run = runs.runs(AgentType.GUARDIAN, 1).get(0);
        assertThat(run.outcome()).isEqualTo(AgentRun.Outcome.FAILED);
        assertThat(run.errors()).singleElement().asString()
                .contains("BudgetExceededException", "daily budget of $0.005 for agent 'guardian'", "2026-12-08T00:00:00Z");
        assertThat(custody.latestRun(AgentType.GUARDIAN)).isEmpty();
        // AND another agent's budget is its own; the next UTC day starts afresh
        assertThat(AgentCallScope.run("sandbox", "sandbox-x", () -> meter.reply(request())).text()).isNotBlank();
        assertThatThrownBy(() -> AgentCallScope.run("guardian", "guardian-y", () -> meter.reply(request())))
                .isInstanceOf(BudgetExceededException.class);
        clock.advance(Duration.ofDays(1));
        assertThat(AgentCallScope.run("guardian", "guardian-z", () -> meter.reply(request())).text()).isNotBlank();
    }

    @Test
    void imperiumOverItsBudgetKeepsItsOtherFindingsAndEndsPartialSayingWhy() {
        // GIVEN every agent examined (charged to each), then Imperium's budget set at what it has spent today
        InMemoryExamTranscripts transcripts = new InMemoryExamTranscripts();
        AgentCycles examining = cycles(custody(meter(null), transcripts));
        for (AgentType agent : AgentType.values()) {
            examining.execute(new AgentWork(agent, WorkKind.EXAM, agent.slug() + "-exam-1", Trigger.MANUAL, T));
        }
        BigDecimal spent = ledger.day(Account.agent("imperium"), DAY).costUsd();
        int callsBefore = priced.calls.get();
        Custody limited = custody(meter(spent), transcripts);
        dev.lumen.domain.agent.imperium.Imperium imperium = new dev.lumen.domain.agent.imperium.Imperium(
                new dev.lumen.fakes.InMemoryActivityFeed(), new InMemoryFindingRepository(), null,
                new dev.lumen.domain.custody.KnowledgeTransfer(limited));

        // WHEN Imperium's cycle would measure what knowledge transfer taught
        clock.advance(Duration.ofMinutes(1));
        cycles(limited, imperium).execute(new AgentWork(AgentType.IMPERIUM, WorkKind.CYCLE, "imperium-cycle-1",
                Trigger.MANUAL, T.plusSeconds(60)));

        // THEN it made no model call, and its run ends PARTIAL naming the budget
        assertThat(priced.calls.get()).isEqualTo(callsBefore);
        AgentRun run = runs.runs(AgentType.IMPERIUM, 10).stream().filter(r -> r.runId().equals("imperium-cycle-1"))
                .findFirst().orElseThrow();
        assertThat(run.outcome()).isEqualTo(AgentRun.Outcome.PARTIAL);
        assertThat(run.errors()).singleElement().asString()
                .startsWith("knowledge transfer: the daily budget of $").contains("for agent 'imperium' is reached");
    }

    @Test
    void aCallOutsideAgentWorkOrADegradedReplyIsNotRecorded() {
        // GIVEN
        AgentModelMeter meter = meter(null);
        AgentModelMeter degraded = new AgentModelMeter(
                request -> new ModelReply("Sorry.", "fallback", Usage.NONE, "end_turn"), ledger, ModelPrices.defaults(),
                null, clock);

        // WHEN
        ModelReply outside = meter.reply(request());
        AgentCallScope.run("imperium", "imperium-cycle-1", () -> degraded.reply(request()));

        // THEN both answered; nothing was charged
        assertThat(outside.text()).isNotBlank();
        assertThat(ledger.recorded).isEmpty();
    }

    @Test
    void scopesNestAndEndWithTheirWork() {
        // WHEN a scope runs inside another, THEN its calls are its own, and the outer one is back after it
        AgentModelMeter meter = meter(null);
        AgentCallScope.run("imperium", "outer", () -> {
            meter.reply(request());
            AgentCallScope.run("sandbox", "inner", () -> meter.reply(request()));
            return meter.reply(request());
        });
        meter.reply(request());

        assertThat(ledger.recorded).extracting(ChargedCall::callId)
                .containsExactly("agent:outer:reply:-:1", "agent:inner:reply:-:1", "agent:outer:reply:-:2");
    }

    private AgentModelMeter meter(BigDecimal budget) {
        return new AgentModelMeter(priced, ledger, ModelPrices.defaults(), budget, clock);
    }

    private Custody custody(ChatModel model, InMemoryExamTranscripts transcripts) {
        Graders graders = Graders.standard(model);
        return new Custody(TestBank.load(graders), graders, model, custodyRuns, transcripts,
                new InMemoryMentoringMaterial(), clock);
    }

    private AgentCycles cycles(Custody custody) {
        return cycles(custody, null);
    }

    private AgentCycles cycles(Custody custody, dev.lumen.domain.agent.Agent agent) {
        return new AgentCycles(new RecordingAgentWorkPublisher(), runs, new InMemoryFindingRepository(),
                (type, runId, drafts, at) -> List.of(), custody, custodyRuns,
                agent == null ? Map.of() : Map.of(agent.type(), agent), Map.of(), Duration.ofMinutes(5), clock);
    }

    private static ModelRequest request() {
        return new ModelRequest("You are terse.", List.of(), "Say hi.", "agent", List.of(), 50);
    }

    /** Answers as the offline model, bills as Haiku. */
    private static final class PricedModel implements ChatModel {
        private final OfflineChatModel offline = new OfflineChatModel();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ModelReply reply(ModelRequest request) {
            calls.incrementAndGet();
            ModelReply reply = offline.reply(request);
            return new ModelReply(reply.text(), HAIKU, new Usage(3600, 200), reply.stopReason());
        }
    }

    /** The in-memory ledger, remembering what it was asked to record. */
    private static final class RecordingLedger implements UsageLedger {
        private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        final List<ChargedCall> recorded = new CopyOnWriteArrayList<>();

        @Override
        public boolean record(ChargedCall call) {
            boolean fresh = ledger.record(call);
            if (fresh) {
                recorded.add(call);
            }
            return fresh;
        }

        @Override
        public UsageTotals day(Account account, LocalDate day) {
            return ledger.day(account, day);
        }

        @Override
        public UsageTotals month(Account account, YearMonth month) {
            return ledger.month(account, month);
        }

        @Override
        public List<dev.lumen.domain.usage.DayUsage> days(Account account, LocalDate from, LocalDate to) {
            return ledger.days(account, from, to);
        }

        @Override
        public int eraseUser(String userId) {
            return ledger.eraseUser(userId);
        }
    }
}
