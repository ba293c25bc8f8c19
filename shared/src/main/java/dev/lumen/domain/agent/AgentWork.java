package dev.lumen.domain.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * A message on the agent-work queue. Schedules and the API only enqueue it; the agent worker does
 * the work, so long cycles never meet an API time limit.
 *
 * @param key what makes the work idempotent: for a schedule the scheduled time (so a duplicate
 *            delivery for the same time runs once), for a manual request a fresh id. It is also
 *            the run id the work is recorded under. Scheduled keys also name the agent and the kind
 *            ({@code guardian-cycle-2026-12-07T09-30-00Z}, see {@link AgentCycles#scheduleKey}), so
 *            run ids are unique across agents; manual ones are {@code manual-} and a random id.
 */
public record AgentWork(AgentType agent, WorkKind kind, String key, Trigger trigger, Instant requestedAt) {

    public AgentWork {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
