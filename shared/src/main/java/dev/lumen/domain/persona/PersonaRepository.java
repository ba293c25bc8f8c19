package dev.lumen.domain.persona;

import java.util.List;
import java.util.Optional;

/** Port: where personas, their own traits and the trait audit trail are kept. */
public interface PersonaRepository {

    /**
     * Stores a new persona with its own traits.
     *
     * @throws dev.lumen.domain.error.ConflictException when a persona with that id exists
     */
    void create(Persona persona);

    /** The persona with its own traits (not the inherited ones). */
    Optional<Persona> find(String personaId);

    /** The persona's own trait with its version; empty when the persona only inherits it or lacks it. */
    Optional<VersionedTrait> findTrait(String personaId, String traitId);

    /**
     * Writes {@code updated} and the audit record atomically, only if the stored trait is still at
     * {@code expectedVersion} (0 means: the persona has no own trait of this id yet).
     *
     * @return false when another writer got there first; nothing was written and the caller may retry
     */
    boolean saveTrait(String personaId, Trait updated, long expectedVersion, TraitChange change);

    /** The audit trail of one trait, oldest first. */
    List<TraitChange> traitHistory(String personaId, String traitId);

    /**
     * Up to {@code limit} of the creator's personas, newest first ({@link PersonaCursor#NEWEST_FIRST}),
     * starting strictly after {@code after} (null: from the newest). The page's {@code next} is null
     * exactly when no persona of the creator follows it.
     */
    PersonaPage listByCreator(String creatorId, int limit, PersonaCursor after);
}
