package dev.lumen.domain.snapshot;

import dev.lumen.domain.error.ValidationException;
import java.util.Locale;

/** What a snapshot is of: a persona (traits and settings), a user's learned state, or an agent's custody state. */
public enum SnapshotKind {
    PERSONA, USER, AGENT;

    /** How the kind appears in paths, keys and JSON: {@code persona}, {@code user}, {@code agent}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a path names; a 400 naming the field and the allowed values otherwise. */
    public static SnapshotKind parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("missing_field", "'" + field + "' is required");
        }
        for (SnapshotKind kind : values()) {
            if (kind.slug().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new ValidationException("invalid_kind", "'" + field + "' must be one of persona, user, agent");
    }
}
