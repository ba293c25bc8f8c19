package dev.lumen.domain.persona;

import dev.lumen.domain.error.ValidationException;

/**
 * A personality trait with an intensity in [0, 1].
 *
 * @param id          stable id, unique within a persona
 * @param name        display name, e.g. "Empathy"
 * @param description what the trait means for how the persona speaks
 * @param intensity   0 = absent, 1 = dominant
 * @param inherited   true when the value comes from the core trait set rather than the persona
 */
public record Trait(String id, String name, String description, double intensity, boolean inherited) {

    public Trait {
        requireIntensity(intensity);
        description = description == null ? "" : description;
    }

    /** The same trait as the persona's own (not inherited), with another intensity. */
    public Trait withIntensity(double newIntensity) {
        return new Trait(id, name, description, newIntensity, false);
    }

    public Trait asOwn() {
        return inherited ? new Trait(id, name, description, intensity, false) : this;
    }

    public Trait asInherited() {
        return new Trait(id, name, description, intensity, true);
    }

    static void requireIntensity(double intensity) {
        if (Double.isNaN(intensity) || intensity < 0.0 || intensity > 1.0) {
            throw new ValidationException("invalid_intensity", "'intensity' must be between 0 and 1");
        }
    }
}
