package dev.lumen.domain.agent;

import dev.lumen.domain.Ids;
import dev.lumen.domain.custody.CustodyExam;
import dev.lumen.domain.custody.CustodyRepository;
import dev.lumen.domain.proposal.ProposalSubmission;
import dev.lumen.domain.usage.AgentCallScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent platform's use case: asking for agent work (a schedule or an operator enqueues it),
 * doing it (the agent worker), and reporting on it.
 *
 * <p><b>Once per key.</b> Work is recorded under its key before anything else ({@link
 * AgentRunRepository#start}); a second delivery of the same work finds the run and does nothing.
 * A run left RUNNING by a worker that died is taken over by the redelivery SQS makes once the
 * queue's visibility timeout has passed, provided the run is older than {@link #workerTimeout}.
 *
 * <p><b>Failures are recorded, not retried.</b> An agent that throws gets its run recorded FAILED
 * with the reason, and {@link #execute} returns normally, so the message is deleted: the next
 * scheduled cycle studies the same window again (a cycle's window starts at the previous
 * <em>successful</em> cycle), so nothing is lost, while retrying a failing agent three times in a
 * row would only spend model tokens on the same error. Only a failure to record the run itself
 * (the table unreachable) escapes, so SQS retries it and, after three receives, dead-letters it.
 */
public final class AgentCycles {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCycles.class);
    /** How many finished runs the success rate is over. */
    public static final int SUCCESS_WINDOW = 20;
    /** How far back a cycle looks when its agent never succeeded before. */
    public static final Duration FIRST_WINDOW = Duration.ofHours(24);
    /** How many recent runs are searched for the previous successful cycle. */
    static final int HISTORY = 50;
    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final AgentWorkPublisher publisher;
    private final AgentRunRepository runs;
    private final FindingRepository findings;
    private final ProposalSubmission proposals;
    private final AgentExaminer examiner;
    private final CustodyRepository custody;
    private final Map<AgentType, Agent> agents;
    private final Map<AgentType, Duration> periods;
    private final Duration workerTimeout;
    private final Clock clock;

    /**
     * @param agents        the agent of each type (a missing one fails its cycles, recorded)
     * @param periods       each agent's cycle schedule; a missing one is {@link AgentType#defaultPeriodMinutes()}
     * @param workerTimeout how long the worker may run one piece of work: a run RUNNING for longer
     *                      is abandoned and may be taken over
     */
    public AgentCycles(AgentWorkPublisher publisher, AgentRunRepository runs, FindingRepository findings,
                       ProposalSubmission proposals, AgentExaminer examiner, CustodyRepository custody,
                       Map<AgentType, Agent> agents, Map<AgentType, Duration> periods, Duration workerTimeout, Clock clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.findings = Objects.requireNonNull(findings, "findings");
        this.proposals = Objects.requireNonNull(proposals, "proposals");
        this.examiner = Objects.requireNonNull(examiner, "examiner");
        this.custody = Objects.requireNonNull(custody, "custody");
        this.agents = Map.copyOf(agents);
        this.periods = Map.copyOf(periods);
        this.workerTimeout = Objects.requireNonNull(workerTimeout, "workerTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Puts work on the agent-work queue.
     *
     * @param scheduledTime the schedule's time for {@link Trigger#SCHEDULE} (it makes the key, so a
     *                      duplicate delivery of the same schedule run is one run); ignored otherwise
     * @return the work as queued; its key is the run id to look for
     */
    public AgentWork request(AgentType agent, WorkKind kind, Trigger trigger, Instant scheduledTime) {
        Instant now = clock.instant();
        AgentWork work;
        if (trigger == Trigger.SCHEDULE) {
            Objects.requireNonNull(scheduledTime, "a scheduled request needs its scheduled time");
            work = new AgentWork(agent, kind, scheduleKey(agent, kind, scheduledTime), trigger, scheduledTime);
        } else {
            work = new AgentWork(agent, kind, "manual-" + Ids.random(), trigger, now);
        }
        publisher.publish(work);
        return work;
    }

    /**
     * The key of a scheduled run: the agent, the kind and the scheduled time to the second, in
     * id-safe characters ({@code guardian-cycle-2026-12-07T09-30-00Z}). The time makes a duplicate
     * delivery of one schedule run the same run; the agent and the kind keep apart runs whose
     * schedules fire in the same second (two agents' rules created together, an agent's cycle and
     * its examination), so run ids — and the finding and proposal ids derived from them — are unique
     * across agents.
     */
    public static String scheduleKey(AgentType agent, WorkKind kind, Instant scheduledTime) {
        return agent.slug() + "-" + kind.name().toLowerCase(Locale.ROOT) + "-"
                + KEY_TIME.format(scheduledTime.truncatedTo(ChronoUnit.SECONDS));
    }

    /** What the worker did with one piece of work. */
    public enum Result {
        /** This delivery ran the work (whatever its outcome; see the recorded run). */
        RAN,
        /** Another delivery ran or is running it. */
        DUPLICATE
    }

    /**
     * Does one piece of work, once per key (see the class comment for failures).
     *
     * @throws RuntimeException only when the run could not be recorded; SQS should then retry
     */
    public Result execute(AgentWork work) {
        Instant startedAt = clock.instant();
        AgentRun run = AgentRun.started(work, startedAt);
        if (!runs.start(run, startedAt.minus(workerTimeout))) {
            LOG.atInfo().setMessage("agent work already run").addKeyValue("agent", work.agent().slug())
                    .addKeyValue("runId", work.key()).log();
            return Result.DUPLICATE;
        }
        // The model calls the work makes are charged to the agent, receipted under the run id (see AgentCallScope).
        AgentRun finished = AgentCallScope.run(work.agent().slug(), work.key(), () -> switch (work.kind()) {
            case CYCLE -> cycle(run);
            case EXAM -> exam(run);
        });
        runs.finish(finished);
        LOG.atInfo().setMessage("agent run finished").addKeyValue("agent", work.agent().slug())
                .addKeyValue("kind", work.kind()).addKeyValue("runId", work.key())
                .addKeyValue("outcome", finished.outcome()).addKeyValue("itemsRead", finished.itemsRead())
                .addKeyValue("itemsWritten", finished.itemsWritten())
                .addKeyValue("ms", Duration.between(startedAt, finished.endedAt()).toMillis()).log();
        return Result.RAN;
    }

    private AgentRun cycle(AgentRun run) {
        Instant since = previousSuccess(run.agent(), run.runId()).orElse(run.startedAt().minus(FIRST_WINDOW));
        CycleOutcome outcome;
        try {
            Agent agent = agents.get(run.agent());
            if (agent == null) {
                throw new IllegalStateException("no agent is configured for " + run.agent().slug());
            }
            outcome = agent.run(new CycleContext(run.runId(), run.startedAt(), since));
            findings.saveAll(outcome.findings());
        } catch (RuntimeException e) {
            return failed(run, e);
        }
        List<String> errors = new ArrayList<>(outcome.errors());
        int proposed = 0;
        if (!outcome.proposals().isEmpty()) {
            try {
                proposed = proposals.submit(run.agent(), run.runId(), outcome.proposals(), run.startedAt()).size();
            } catch (RuntimeException e) {
                LOG.atWarn().setMessage("agent proposals not submitted").addKeyValue("agent", run.agent().slug())
                        .addKeyValue("runId", run.runId()).setCause(e).log();
                errors.add("proposals not submitted: " + reason(e));
            }
        }
        int found = outcome.findings().size();
        String summary = found + " finding" + (found == 1 ? "" : "s") + ", " + proposed + " proposal"
                + (proposed == 1 ? "" : "s") + " from " + outcome.itemsRead() + " items since " + since;
        return run.finish(clock.instant(), errors.isEmpty() ? AgentRun.Outcome.SUCCEEDED : AgentRun.Outcome.PARTIAL,
                outcome.itemsRead(), found + proposed, errors, summary);
    }

    private AgentRun exam(AgentRun run) {
        CustodyExam.Result result;
        try {
            result = examiner.examine(run.agent(), run.runId());
        } catch (RuntimeException e) {
            return failed(run, e);
        }
        String summary = String.format(Locale.ROOT, "pass rate %.0f%% at %s, +%d XP, level %d, %s",
                result.passRate() * 100, result.tier(), result.xpEarned(), result.after().level(),
                result.eligible() ? "eligible" : "not eligible");
        return run.finish(clock.instant(), AgentRun.Outcome.SUCCEEDED, result.outcomes().size(), 1, List.of(), summary);
    }

    private AgentRun failed(AgentRun run, RuntimeException e) {
        LOG.atError().setMessage("agent run failed").addKeyValue("agent", run.agent().slug())
                .addKeyValue("kind", run.kind()).addKeyValue("runId", run.runId()).setCause(e).log();
        return run.finish(clock.instant(), AgentRun.Outcome.FAILED, 0, 0, List.of(reason(e)), "failed: " + reason(e));
    }

    /** The exception's kind and message, for the run record (which operators read, not end users). */
    private static String reason(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private Optional<Instant> previousSuccess(AgentType agent, String currentRunId) {
        return runs.runs(agent, HISTORY).stream()
                .filter(r -> r.kind() == WorkKind.CYCLE && r.outcome() == AgentRun.Outcome.SUCCEEDED
                        && !r.runId().equals(currentRunId))
                .map(AgentRun::startedAt)
                .findFirst();
    }

    /** Each agent's last run, next run, success rate and custody standing. */
    public List<AgentStatus> status() {
        Instant now = clock.instant();
        List<AgentStatus> statuses = new ArrayList<>();
        for (AgentType agent : AgentType.values()) {
            List<AgentRun> recent = runs.runs(agent, HISTORY);
            List<AgentRun> finished = recent.stream().filter(r -> r.outcome().finished()).limit(SUCCESS_WINDOW).toList();
            Double rate = finished.isEmpty() ? null
                    : (double) finished.stream().filter(r -> r.outcome() == AgentRun.Outcome.SUCCEEDED).count() / finished.size();
            Duration period = period(agent);
            Instant next = recent.stream().filter(r -> r.trigger() == Trigger.SCHEDULE && r.kind() == WorkKind.CYCLE)
                    .map(AgentRun::requestedAt).findFirst().map(last -> nextAfter(last, period, now)).orElse(null);
            CustodyRepository.AgentRecord record = custody.agent(agent.slug());
            statuses.add(new AgentStatus(agent, recent.isEmpty() ? null : recent.get(0), next, period, rate,
                    finished.size(), record.standing().level(), record.standing().xp(), record.eligible()));
        }
        return List.copyOf(statuses);
    }

    /** The agent's cycle schedule period. */
    public Duration period(AgentType agent) {
        return periods.getOrDefault(agent, Duration.ofMinutes(agent.defaultPeriodMinutes()));
    }

    /** The agent's runs, newest first. */
    public List<AgentRun> runs(AgentType agent, int limit) {
        return runs.runs(agent, limit);
    }

    /** Findings, newest first (see {@link FindingRepository#list}). */
    public List<Finding> findings(AgentType agent, FindingKind kind, Instant since, int limit) {
        return findings.list(agent, kind, since, limit);
    }

    /** {@code last + n × period} for the smallest n ≥ 1 that is not before {@code now}. */
    static Instant nextAfter(Instant last, Duration period, Instant now) {
        Instant next = last.plus(period);
        if (next.isBefore(now)) {
            long behind = Duration.between(next, now).toMillis() / period.toMillis();
            next = next.plus(period.multipliedBy(behind));
            if (next.isBefore(now)) {
                next = next.plus(period);
            }
        }
        return next;
    }
}
