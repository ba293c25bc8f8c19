package dev.lumen.functions.config;

import dev.lumen.domain.safety.CrisisResources;
import java.util.Optional;

/**
 * The safety settings, read once per container from the environment.
 *
 * @param escalationsQueueUrl where chat hands crisis escalations to people ({@code ESCALATIONS_QUEUE_URL});
 *                            required where escalations are published
 * @param crisisResources     crisis lines per locale: the built-in defaults, overridden by
 *                            {@code LUMEN_CRISIS_RESOURCES} (see {@link CrisisResources#parse}), with
 *                            {@code LUMEN_DEFAULT_LOCALE} (default {@code en-US}) for requests that name none
 */
public record SafetyConfig(Optional<String> escalationsQueueUrl, CrisisResources crisisResources) {

    public String requireEscalationsQueueUrl() {
        return escalationsQueueUrl.orElseThrow(() ->
                new IllegalStateException("configuration variable ESCALATIONS_QUEUE_URL is not set"));
    }

    public static SafetyConfig fromEnvironment() {
        String locale = Environment.optional("LUMEN_DEFAULT_LOCALE").orElse("en-US");
        CrisisResources resources;
        try {
            resources = CrisisResources.parse(Environment.optional("LUMEN_CRISIS_RESOURCES").orElse(null), locale);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("configuration variable LUMEN_CRISIS_RESOURCES is not valid: " + e.getMessage(), e);
        }
        return new SafetyConfig(Environment.optional("ESCALATIONS_QUEUE_URL"), resources);
    }
}
