package dev.lumen.adapter.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.memory.InteractionRecorded;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The interactions queue's message body: an {@link InteractionRecorded} as JSON.
 *
 * <pre>{@code
 * {"interactionId":"…","tenant":"…","personaId":"…","userId":"…","sessionId":"…","userMessageId":"…",
 *  "userText":"…","replyText":"…","model":"…","usage":{"inputTokens":12,"outputTokens":30},
 *  "occurredAt":"2026-01-05T10:15:30.123Z","latencyMs":840}
 * }</pre>
 *
 * Fields are mapped one by one rather than bound by reflection: the body is a contract between the
 * chat function and the worker, which may be deployed at different versions, so renaming a record
 * component must not silently change it. Reading is strict about what makes a message processable
 * (interactionId, tenant, personaId, occurredAt) and lenient about the rest: absent text is empty,
 * absent usage is {@link Usage#NONE}, absent latency is 0 (older producers), unknown fields are ignored (a newer producer may add some).
 */
public final class InteractionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private InteractionJson() {
    }

    /** The message body for one interaction. */
    public static String write(InteractionRecorded interaction) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("interactionId", interaction.interactionId());
        json.put("tenant", interaction.tenant());
        json.put("personaId", interaction.personaId());
        json.put("userId", interaction.userId());
        json.put("sessionId", interaction.sessionId());
        json.put("userMessageId", interaction.userMessageId());
        json.put("userText", interaction.userText());
        json.put("replyText", interaction.replyText());
        json.put("model", interaction.model());
        Usage usage = interaction.usage() == null ? Usage.NONE : interaction.usage();
        ObjectNode usageJson = json.putObject("usage");
        usageJson.put("inputTokens", usage.inputTokens());
        usageJson.put("outputTokens", usage.outputTokens());
        json.put("occurredAt", interaction.occurredAt() == null ? null : interaction.occurredAt().toString());
        json.put("latencyMs", interaction.latencyMs());
        return json.toString();
    }

    /**
     * Reads a message body.
     *
     * @throws IllegalArgumentException when the body is not a JSON object, or a required field
     *                                  (interactionId, tenant, personaId, occurredAt) is missing or malformed;
     *                                  the message names the field
     */
    public static InteractionRecorded read(String body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("interaction body is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("interaction body is not a JSON object");
        }
        return new InteractionRecorded(
                required(json, "interactionId"),
                required(json, "tenant"),
                required(json, "personaId"),
                optional(json, "userId"),
                optional(json, "sessionId"),
                optional(json, "userMessageId"),
                textOrEmpty(json, "userText"),
                textOrEmpty(json, "replyText"),
                optional(json, "model"),
                usage(json.get("usage")),
                instant(required(json, "occurredAt")),
                latency(json.get("latencyMs")));
    }

    private static long latency(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new IllegalArgumentException("interaction body's latencyMs must be a non-negative integer");
        }
        return value.asLong();
    }

    private static String required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("interaction body has no " + field);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("interaction body's " + field + " must be a non-blank string");
        }
        return value.asText();
    }

    private static String optional(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("interaction body's " + field + " must be a string");
        }
        return value.asText();
    }

    private static String textOrEmpty(JsonNode json, String field) {
        String value = optional(json, field);
        return value == null ? "" : value;
    }

    private static Usage usage(JsonNode usage) {
        if (usage == null || usage.isNull()) {
            return Usage.NONE;
        }
        if (!usage.isObject()) {
            throw new IllegalArgumentException("interaction body's usage must be an object");
        }
        return new Usage(tokens(usage, "inputTokens"), tokens(usage, "outputTokens"));
    }

    private static int tokens(JsonNode usage, String field) {
        JsonNode value = usage.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new IllegalArgumentException("interaction body's usage." + field + " must be a non-negative integer");
        }
        return value.asInt();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("interaction body's occurredAt is not an ISO-8601 instant: " + text);
        }
    }
}
