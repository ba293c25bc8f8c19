package dev.lumen.functions.config;

import java.util.Optional;

/**
 * Reads configuration by name: the process environment first (Lambda), then a JVM system property
 * of the same name (the local runner sets those, since a JVM cannot change its own environment).
 */
public final class Environment {

    private Environment() {
    }

    public static Optional<String> optional(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * A whole-number variable of at least {@code min}, or {@code fallback} when it is not set; a
     * value that is not such a number stops the function at start with a message naming it.
     */
    public static int wholeNumber(String name, int fallback, int min) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(name + " must be " + (min == 1 ? "a positive whole number"
                : "a whole number of at least " + min) + ", not '" + value.get() + "'");
    }

    public static String required(String name) {
        return optional(name).orElseThrow(() ->
                new IllegalStateException("configuration variable " + name + " is not set"));
    }
}
