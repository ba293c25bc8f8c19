package dev.lumen.domain.agent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One recorded piece of agent work (a cycle or a custody examination): when it ran, how it ended and
 * what it read and wrote. Recorded {@link Outcome#RUNNING} when it starts and again when it ends, so a
 * run that never ended (its worker crashed) stays visible.
 *
 * @param runId        the work's idempotency key ({@link AgentWork#key()}): one run per key and agent
 * @param requestedAt  when the work was asked for: the scheduled time for a schedule, so the next
 *                     scheduled run is this plus the schedule's period
 * @param endedAt      null while running
 * @param itemsRead    records studied (messages, chunks, usage days, tests answered, …)
 * @param itemsWritten findings and proposals stored (for an examination: its one recorded result)
 * @param errors       what went wrong: partial failures of a finished cycle, or why it failed
 * @param summary      one line for people
 */
public record AgentRun(String runId, AgentType agent, WorkKind kind, Trigger trigger, Instant requestedAt,
                       Instant startedAt, Instant endedAt, Outcome outcome, int itemsRead, int itemsWritten,
                       List<String> errors, String summary) {

    /** How a run ended; {@code RUNNING} until it does. */
    public enum Outcome {
        RUNNING,
        /** Done, nothing went wrong. */
        SUCCEEDED,
        /** Done, with errors that did not stop it (one unreadable source, proposals not submitted). */
        PARTIAL,
        /** Stopped by an error; nothing after the error was stored. */
        FAILED;

        public boolean finished() {
            return this != RUNNING;
        }
    }

    public AgentRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome.finished() != (endedAt != null)) {
            throw new IllegalArgumentException("a run has an end exactly when it is finished: " + outcome + " / " + endedAt);
        }
        errors = errors == null ? List.of() : List.copyOf(errors);
        summary = summary == null ? "" : summary;
    }

    /** The run of {@code work} as it starts. */
    public static AgentRun started(AgentWork work, Instant at) {
        return new AgentRun(work.key(), work.agent(), work.kind(), work.trigger(), work.requestedAt(), at, null,
                Outcome.RUNNING, 0, 0, List.of(), "");
    }

    /** This run, ended. */
    public AgentRun finish(Instant at, Outcome outcome, int itemsRead, int itemsWritten, List<String> errors, String summary) {
        if (!outcome.finished()) {
            throw new IllegalArgumentException("a run finishes as SUCCEEDED, PARTIAL or FAILED, not " + outcome);
        }
        return new AgentRun(runId, agent, kind, trigger, requestedAt, startedAt, at, outcome, itemsRead, itemsWritten,
                errors, summary);
    }
}
