package dev.lumen.fakes;

import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaCursor;
import dev.lumen.domain.persona.PersonaPage;
import dev.lumen.domain.persona.PersonaRepository;
import dev.lumen.domain.persona.PersonaSummary;
import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.persona.TraitChange;
import dev.lumen.domain.persona.VersionedTrait;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link PersonaRepository} for domain unit tests; same contract as the real adapters. */
public final class InMemoryPersonaRepository implements PersonaRepository {
    private final Map<String, Persona> personas = new ConcurrentHashMap<>();
    private final Map<String, Map<String, VersionedTrait>> traits = new ConcurrentHashMap<>();
    private final List<TraitChange> audit = new ArrayList<>();

    @Override
    public synchronized void create(Persona persona) {
        if (personas.containsKey(persona.id())) {
            throw new ConflictException("persona_exists", "persona '" + persona.id() + "' already exists");
        }
        personas.put(persona.id(), persona);
        Map<String, VersionedTrait> own = new LinkedHashMap<>();
        persona.traits().forEach(t -> own.put(t.id(), new VersionedTrait(t, 1)));
        traits.put(persona.id(), own);
    }

    @Override
    public synchronized Optional<Persona> find(String personaId) {
        Persona p = personas.get(personaId);
        if (p == null) {
            return Optional.empty();
        }
        List<Trait> own = traits.get(personaId).values().stream().map(VersionedTrait::trait).toList();
        return Optional.of(new Persona(p.id(), p.name(), p.description(), p.creatorId(), own, p.createdAt()));
    }

    @Override
    public synchronized Optional<VersionedTrait> findTrait(String personaId, String traitId) {
        return Optional.ofNullable(traits.getOrDefault(personaId, Map.of()).get(traitId));
    }

    @Override
    public synchronized boolean saveTrait(String personaId, Trait updated, long expectedVersion, TraitChange change) {
        Map<String, VersionedTrait> own = traits.get(personaId);
        VersionedTrait current = own.get(updated.id());
        long actual = current == null ? 0 : current.version();
        if (actual != expectedVersion) {
            return false;
        }
        own.put(updated.id(), new VersionedTrait(updated.asOwn(), expectedVersion + 1));
        audit.add(change);
        return true;
    }

    @Override
    public synchronized List<TraitChange> traitHistory(String personaId, String traitId) {
        return audit.stream().filter(c -> c.personaId().equals(personaId) && c.traitId().equals(traitId)).toList();
    }

    @Override
    public synchronized PersonaPage listByCreator(String creatorId, int limit, PersonaCursor after) {
        List<PersonaSummary> following = personas.values().stream()
                .filter(p -> p.creatorId().equals(creatorId))
                .map(PersonaSummary::of)
                .filter(p -> after == null || after.precedes(p))
                .sorted(PersonaCursor.NEWEST_FIRST)
                .toList();
        if (following.size() <= limit) {
            return new PersonaPage(following, null);
        }
        List<PersonaSummary> page = following.subList(0, limit);
        return new PersonaPage(page, page.get(limit - 1).cursor());
    }
}
