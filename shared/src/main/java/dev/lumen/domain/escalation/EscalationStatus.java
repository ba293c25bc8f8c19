package dev.lumen.domain.escalation;

import dev.lumen.domain.error.ValidationException;
import java.util.Locale;

/** Where a human hand-off stands: {@code OPEN} until a person has dealt with it. */
public enum EscalationStatus {
    OPEN, RESOLVED;

    /** Parses {@code open} / {@code resolved} (any case), naming the parameter when it is neither. */
    public static EscalationStatus parse(String value) {
        if (value == null || value.isBlank()) {
            return OPEN;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("invalid_status", "'status' must be open or resolved");
        }
    }
}
