package dev.lumen.domain.proactive;

import java.util.Map;
import java.util.Objects;

/**
 * A rule that fired for a user.
 *
 * @param priority {@code type.rank() + severity}, severity in [0, 1): how far past its threshold the
 *                 evidence is; higher first
 * @param evidence the figures that made it fire (e.g. {@code idleHours=25}), for the message and for audit
 */
public record Trigger(TriggerType type, double priority, Map<String, String> evidence) {

    public Trigger {
        Objects.requireNonNull(type, "type");
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    /** A trigger of {@code type} with a severity clamped to [0, 0.999]. */
    static Trigger of(TriggerType type, double severity, Map<String, String> evidence) {
        double clamped = Math.max(0.0, Math.min(0.999, severity));
        return new Trigger(type, type.rank() + clamped, evidence);
    }
}
