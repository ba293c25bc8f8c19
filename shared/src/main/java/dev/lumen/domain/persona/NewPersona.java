package dev.lumen.domain.persona;

import java.util.List;

/**
 * What a caller sends to create a persona. Optional parts may be null.
 *
 * @param id        optional caller-chosen id; generated when null
 * @param creatorId optional tenant; {@link Persona#DEFAULT_CREATOR} when null
 * @param traits    the persona's own traits (ids derived from names when absent)
 */
public record NewPersona(String id, String name, String description, String creatorId, List<NewTrait> traits) {

    public NewPersona {
        traits = traits == null ? List.of() : List.copyOf(traits);
    }

    /** A trait as sent by a caller; {@code id} may be null. */
    public record NewTrait(String id, String name, String description, double intensity) {
    }
}
