package dev.lumen.domain.knowledge;

import java.time.Instant;

/**
 * A creator (tenant) as its personas present it: who they are and how they coach. Chat puts this
 * into the coaching prompt so a persona speaks in its creator's voice.
 */
public record Creator(String creatorId, String name, String expertise, String methodology,
                      String communicationStyle, Instant updatedAt) {
}
