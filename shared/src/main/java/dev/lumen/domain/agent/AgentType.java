package dev.lumen.domain.agent;

import dev.lumen.domain.error.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four agents that improve Lumen between conversations, each with its default schedule (the
 * template's parameters override it).
 */
public enum AgentType {
    /** Learning orchestrator: distils interactions, feedback and the other agents' results; runs knowledge transfer. */
    IMPERIUM(30),
    /** Security: secrets, personal data, injections and missed red flags in what was stored; risky settings. */
    GUARDIAN(15),
    /** Experiments: persona and prompt variants against the custody test bank. */
    SANDBOX(45),
    /** Performance and cost: latency, errors and token cost by route, model and persona. */
    CONQUEST(20);

    private final int defaultPeriodMinutes;

    AgentType(int defaultPeriodMinutes) {
        this.defaultPeriodMinutes = defaultPeriodMinutes;
    }

    /** How the agent is named in paths, keys and JSON: {@code imperium}, {@code guardian}, … */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int defaultPeriodMinutes() {
        return defaultPeriodMinutes;
    }

    /** The agent a path or body names, case-insensitive; a 400 naming the allowed values otherwise. */
    public static AgentType parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("missing_field", "'" + field + "' is required");
        }
        for (AgentType type : values()) {
            if (type.slug().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw new ValidationException("invalid_agent", "'" + field + "' must be one of "
                + Arrays.stream(values()).map(AgentType::slug).collect(Collectors.joining(", ")));
    }
}
