package dev.lumen.domain.usage;

import java.util.Objects;

/**
 * Whose spending a total is: a user, a creator (tenant), a persona, or an agent (its slug, e.g.
 * {@code imperium}: the model calls its cycles and custody examinations make, which no user pays for).
 */
public record Account(Kind kind, String id) {
    public enum Kind { USER, CREATOR, PERSONA, AGENT }

    public Account {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Account user(String id) {
        return new Account(Kind.USER, id);
    }

    public static Account creator(String id) {
        return new Account(Kind.CREATOR, id);
    }

    public static Account persona(String id) {
        return new Account(Kind.PERSONA, id);
    }

    public static Account agent(String slug) {
        return new Account(Kind.AGENT, slug);
    }
}
