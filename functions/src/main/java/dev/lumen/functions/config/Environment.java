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

    public static String required(String name) {
        return optional(name).orElseThrow(() ->
                new IllegalStateException("configuration variable " + name + " is not set"));
    }
}
