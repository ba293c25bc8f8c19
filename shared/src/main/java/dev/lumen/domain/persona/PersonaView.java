package dev.lumen.domain.persona;

import java.time.Instant;
import java.util.List;

/** A persona as callers see it: with its effective traits (core traits merged with its own). */
public record PersonaView(String id, String name, String description, String creatorId,
                          List<Trait> traits, Instant createdAt) {

    public PersonaView {
        traits = List.copyOf(traits);
    }
}
