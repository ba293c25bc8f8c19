package dev.lumen.domain.agent;

/** What the agent worker is asked to do. */
public enum WorkKind {
    /** One agent cycle: read what happened, write findings and proposals. */
    CYCLE,
    /** One custody examination of the agent. */
    EXAM
}
