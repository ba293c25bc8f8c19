package dev.lumen.domain.custody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Which grader judges a test and with what settings, exactly as the test's data file gives them
 * (the {@code grader} object: {@code {"type": "keywords", "keywords": [...], "threshold": 0.6}}).
 * Settings stay a JSON tree because each grader reads different ones; the grader checks them when
 * the bank loads ({@link Grader#check}), so a bad setting fails at start, not mid-run.
 */
public record GraderSpec(String type, ObjectNode options) {

    public GraderSpec {
        Objects.requireNonNull(type, "type");
        options = options == null ? null : options.deepCopy();
        Objects.requireNonNull(options, "options");
    }

    /** A setting, or a missing node (never null) when absent. */
    public JsonNode option(String name) {
        return options.path(name);
    }

    /** A text setting that must be present and non-blank. */
    public String requiredText(String name) {
        JsonNode node = options.get(name);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("grader '" + type + "' needs a non-blank text '" + name + "'");
        }
        return node.asText();
    }

    /** A boolean setting, {@code fallback} when absent. */
    public boolean flag(String name, boolean fallback) {
        JsonNode node = options.get(name);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException("grader '" + type + "' option '" + name + "' must be true or false");
        }
        return node.asBoolean();
    }

    /** A share in [0, 1], {@code fallback} when absent. */
    public double share(String name, double fallback) {
        JsonNode node = options.get(name);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw new IllegalArgumentException("grader '" + type + "' option '" + name + "' must be a number in [0, 1]");
        }
        return node.asDouble();
    }
}
