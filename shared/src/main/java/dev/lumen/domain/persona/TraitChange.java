package dev.lumen.domain.persona;

import java.time.Instant;

/**
 * Audit record of one trait update.
 *
 * @param actor     who asked for it (user id, agent name, or "anonymous")
 * @param amount    the requested intensity or delta
 * @param before    intensity before the change
 * @param after     intensity after the change (clamped)
 */
public record TraitChange(String changeId, String personaId, String traitId, TraitAction action,
                          double amount, double before, double after, String actor, Instant at) {
}
