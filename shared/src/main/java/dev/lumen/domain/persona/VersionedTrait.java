package dev.lumen.domain.persona;

/**
 * A persona's own trait with the version it was read at; used for optimistic concurrency.
 * Version numbers start at 1 for the first stored value.
 */
public record VersionedTrait(Trait trait, long version) {
}
