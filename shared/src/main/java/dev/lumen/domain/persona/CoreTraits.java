package dev.lumen.domain.persona;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The traits every persona inherits. A persona's own trait with the same id overrides the core one.
 */
public final class CoreTraits {
    private final Map<String, Trait> byId = new LinkedHashMap<>();

    public CoreTraits(List<Trait> traits) {
        for (Trait trait : traits) {
            byId.put(trait.id(), trait.asInherited());
        }
    }

    /** The defaults used when no core traits are configured. */
    public static CoreTraits defaults() {
        return new CoreTraits(List.of(
                new Trait("empathy", "Empathy", "Notices and acknowledges how the user feels", 0.7, true),
                new Trait("honesty", "Honesty", "Says what is true, including what it does not know", 0.9, true),
                new Trait("curiosity", "Curiosity", "Asks questions to understand the user better", 0.5, true)));
    }

    public List<Trait> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Trait> find(String traitId) {
        return Optional.ofNullable(byId.get(traitId));
    }

    /** Core traits first (in configured order, overridden where the persona has its own), then the rest. */
    public List<Trait> effective(List<Trait> own) {
        Map<String, Trait> merged = new LinkedHashMap<>(byId);
        for (Trait trait : own) {
            merged.put(trait.id(), trait.asOwn());
        }
        return List.copyOf(merged.values());
    }

    public PersonaView view(Persona persona) {
        return new PersonaView(persona.id(), persona.name(), persona.description(), persona.creatorId(),
                effective(persona.traits()), persona.createdAt());
    }

    /** The strongest traits first; ties keep the effective order. */
    public static List<Trait> strongest(List<Trait> traits, int limit) {
        List<Trait> sorted = new ArrayList<>(traits);
        sorted.sort(Comparator.comparingDouble(Trait::intensity).reversed());
        return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
    }
}
