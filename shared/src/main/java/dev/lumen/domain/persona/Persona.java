package dev.lumen.domain.persona;

import java.time.Instant;
import java.util.List;

/**
 * A persona as stored: its own traits only. Use {@link CoreTraits#effective(Persona)} for the
 * list chat uses, with the core traits it inherits.
 *
 * @param creatorId the tenant that owns the persona ({@code default} when none is given)
 */
public record Persona(String id, String name, String description, String creatorId,
                      List<Trait> traits, Instant createdAt) {

    public static final String DEFAULT_CREATOR = "default";

    public Persona {
        traits = List.copyOf(traits);
        description = description == null ? "" : description;
    }
}
