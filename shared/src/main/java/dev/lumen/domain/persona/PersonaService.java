package dev.lumen.domain.persona;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.error.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Use cases on personas: create, read with effective traits, and update one trait. */
public final class PersonaService {
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2_000;
    static final int MAX_TRAITS = 50;
    /** Most personas one list page holds. */
    public static final int MAX_LIST = 100;
    /** Enough for 50+ writers racing on one trait; each retry re-reads the current value. */
    static final int MAX_ATTEMPTS = 200;

    private final PersonaRepository personas;
    private final CoreTraits coreTraits;
    private final Clock clock;

    public PersonaService(PersonaRepository personas, CoreTraits coreTraits, Clock clock) {
        this.personas = personas;
        this.coreTraits = coreTraits;
        this.clock = clock;
    }

    public PersonaView create(NewPersona request) {
        String id = request.id() == null ? Ids.random() : Ids.require("id", request.id());
        String creatorId = request.creatorId() == null ? Persona.DEFAULT_CREATOR : Ids.require("creatorId", request.creatorId());
        String name = requireText("name", request.name(), MAX_NAME);
        String description = request.description() == null ? "" : limit("description", request.description(), MAX_DESCRIPTION);
        if (request.traits().size() > MAX_TRAITS) {
            throw new ValidationException("too_many_traits", "a persona has at most " + MAX_TRAITS + " traits");
        }
        List<Trait> traits = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NewPersona.NewTrait t : request.traits()) {
            String traitName = requireText("traits[].name", t.name(), MAX_NAME);
            String traitId = t.id() == null ? Ids.slug(traitName) : Ids.require("traits[].id", t.id());
            if (!seen.add(traitId)) {
                throw new ValidationException("duplicate_trait", "trait '" + traitId + "' appears twice");
            }
            String traitDescription = t.description() == null ? "" : limit("traits[].description", t.description(), MAX_DESCRIPTION);
            traits.add(new Trait(traitId, traitName, traitDescription, t.intensity(), false));
        }
        Persona persona = new Persona(id, name, description, creatorId, traits, clock.instant());
        personas.create(persona);
        return coreTraits.view(persona);
    }

    /**
     * A page of the creator's personas, newest first; {@code nextToken} is the previous page's
     * ({@link PersonaCursor#encode()}), null for the first page.
     */
    public PersonaPage list(String creatorId, int limit, String nextToken) {
        Ids.require("creatorId", creatorId);
        if (limit < 1 || limit > MAX_LIST) {
            throw new ValidationException("invalid_limit", "'limit' must be a whole number from 1 to " + MAX_LIST);
        }
        return personas.listByCreator(creatorId, limit, PersonaCursor.decode(nextToken));
    }

    public PersonaView get(String personaId) {
        return coreTraits.view(load(personaId));
    }

    /** The persona as stored; throws {@link NotFoundException} when there is none. */
    public Persona load(String personaId) {
        Ids.require("personaId", personaId);
        return personas.find(personaId).orElseThrow(() ->
                new NotFoundException("persona_not_found", "persona '" + personaId + "' does not exist"));
    }

    /**
     * Applies one trait update with optimistic concurrency: read the trait and its version, write
     * the new value only if the version is unchanged, otherwise re-read and try again. This is what
     * keeps 50 concurrent increments from losing any of them.
     */
    public Trait updateTrait(TraitUpdate update) {
        Ids.require("personaId", update.personaId());
        Ids.require("traitId", update.traitId());
        load(update.personaId());
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            var stored = personas.findTrait(update.personaId(), update.traitId());
            Trait current = stored.map(VersionedTrait::trait)
                    .or(() -> coreTraits.find(update.traitId()))
                    .orElseThrow(() -> new NotFoundException("trait_not_found",
                            "persona '" + update.personaId() + "' has no trait '" + update.traitId() + "'"));
            long version = stored.map(VersionedTrait::version).orElse(0L);
            double after = update.action().apply(current.intensity(), update.amount());
            Trait updated = current.withIntensity(after);
            TraitChange change = new TraitChange(Ids.random(), update.personaId(), update.traitId(), update.action(),
                    update.amount(), current.intensity(), after, update.actor(), clock.instant());
            if (personas.saveTrait(update.personaId(), updated, version, change)) {
                return updated;
            }
            backOff(attempt);
        }
        throw new UnavailableException("trait_contention",
                "trait '" + update.traitId() + "' is being changed by too many writers; retry", null);
    }

    public List<TraitChange> history(String personaId, String traitId) {
        load(personaId);
        return personas.traitHistory(personaId, Ids.require("traitId", traitId));
    }

    private static void backOff(int attempt) {
        // Full jitter keeps racing writers from colliding again in lock step.
        long capMillis = Math.min(50, 2L * attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(capMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", "the update was interrupted", e);
        }
    }

    static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("missing_field", "'" + field + "' is required");
        }
        return limit(field, value.strip(), max);
    }

    static String limit(String field, String value, int max) {
        if (value.length() > max) {
            throw new ValidationException("too_long", "'" + field + "' is longer than " + max + " characters");
        }
        return value;
    }
}
