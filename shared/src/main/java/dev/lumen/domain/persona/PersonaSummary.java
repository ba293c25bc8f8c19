package dev.lumen.domain.persona;

import java.time.Instant;

/**
 * A persona in a list: what a picker shows, without its traits (reading those is one more query
 * per persona; {@code GET /api/personas/{id}} gives them for the one picked).
 */
public record PersonaSummary(String id, String name, String description, String creatorId, Instant createdAt) {

    public PersonaSummary {
        description = description == null ? "" : description;
    }

    public static PersonaSummary of(Persona persona) {
        return new PersonaSummary(persona.id(), persona.name(), persona.description(), persona.creatorId(),
                persona.createdAt());
    }

    /** Where this persona stands in the newest-first order, for the next page to start after it. */
    public PersonaCursor cursor() {
        return new PersonaCursor(createdAt, id);
    }
}
