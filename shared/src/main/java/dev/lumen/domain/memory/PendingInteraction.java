package dev.lumen.domain.memory;

import java.time.Instant;

/**
 * An interaction stored with its turn and not yet processed by the worker (the outbox copy).
 *
 * @param attempts      how many times the sweeper has published it again
 * @param nextAttemptAt when the sweeper should publish it again if it is still pending
 */
public record PendingInteraction(InteractionRecorded interaction, int attempts, Instant nextAttemptAt) {
}
