package dev.lumen.domain.persona;

import dev.lumen.domain.error.ValidationException;
import java.util.Locale;

/** How a trait update changes the intensity. The result is always clamped to [0, 1]. */
public enum TraitAction {
    INCREASE, DECREASE, SET;

    public static TraitAction parse(String value) {
        if (value == null) {
            throw new ValidationException("missing_field", "'action' is required");
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "increase" -> INCREASE;
            case "decrease" -> DECREASE;
            case "set" -> SET;
            default -> throw new ValidationException("invalid_action",
                    "'action' must be one of increase, decrease, set");
        };
    }

    /** The new intensity; {@code amount} is a delta for increase/decrease and the target for set. */
    public double apply(double current, double amount) {
        double next = switch (this) {
            case INCREASE -> current + amount;
            case DECREASE -> current - amount;
            case SET -> amount;
        };
        // Round away binary noise (0.1 + 0.2) so repeated small steps land on exact decimals.
        double rounded = Math.round(next * 1_000_000d) / 1_000_000d;
        return Math.max(0.0, Math.min(1.0, rounded));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
