package dev.lumen.domain.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * A message on the agent-work queue. Schedules and the API only enqueue it; the agent worker does
 * the work, so long cycles never meet an API time limit.
 *
 * @param key what makes the work idempotent: for a schedule the scheduled time (so a duplicate
 *            delivery for the same time runs once), for a manual request a fresh id. It is also
 *            the run id the work is recorded under.
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
