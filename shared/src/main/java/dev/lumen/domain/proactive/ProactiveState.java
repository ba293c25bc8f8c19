package dev.lumen.domain.proactive;

/** Where a proactive message is in its life. */
public enum ProactiveState {
    /** In the outbox, waiting for its delivery time. */
    PLANNED,
    /** Handed to its channel. */
    SENT,
    /** Delivery gave up after its retries (it is in the dead-letter queue). */
    FAILED
}
