package dev.lumen.domain.memory;

import java.time.Instant;

/**
 * A past exchange brought back because it resembles the new message.
 *
 * @param score similarity in [0, 1] (see {@link dev.lumen.domain.vector.VectorHit})
 */
public record RecalledMemory(String memoryId, String text, String sessionId, Instant createdAt, double score) {
}
