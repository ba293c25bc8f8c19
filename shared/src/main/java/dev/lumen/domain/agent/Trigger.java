package dev.lumen.domain.agent;

/** Who asked for a piece of agent work. */
public enum Trigger {
    /** An EventBridge schedule (or the local runner firing it). */
    SCHEDULE,
    /** An operator, through the API. */
    MANUAL
}
