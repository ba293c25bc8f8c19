package dev.lumen.domain.stats;

/** What {@code GET /api/stats} reports. {@code queueDepth} is -1 when the queue could not be asked. */
public record Stats(long personas, long messages, long memories, long emotionalStates, long patterns,
                    long queueDepth, long typingUsers) {
}
