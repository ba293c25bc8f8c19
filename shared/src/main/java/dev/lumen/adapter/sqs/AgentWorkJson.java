package dev.lumen.adapter.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@link AgentWork} as the agent-work queue's message body:
 * {@code {"agent":"guardian","kind":"cycle","key":"guardian-cycle-2026-12-07T09-30-00Z","trigger":"schedule","requestedAt":"2026-12-07T09:30:00Z"}}.
 * Mapped field by field (a contract between the functions that enqueue and the worker, which may be
 * deployed at different versions); every field is required, unknown ones are ignored.
 */
public final class AgentWorkJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentWorkJson() {
    }

    public static String write(AgentWork work) {
        return JSON.createObjectNode()
                .put("agent", work.agent().slug())
                .put("kind", lower(work.kind()))
                .put("key", work.key())
                .put("trigger", lower(work.trigger()))
                .put("requestedAt", work.requestedAt().toString())
                .toString();
    }

    /** @throws IllegalArgumentException naming the field that is missing or wrong */
    public static AgentWork read(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("agent work is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("agent work is not a JSON object");
        }
        String key = text(node, "key");
        if (!key.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new IllegalArgumentException("agent work's key must be 1-128 letters, digits, '-' or '_'");
        }
        Instant requestedAt;
        try {
            requestedAt = Instant.parse(text(node, "requestedAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("agent work's requestedAt is not an ISO-8601 instant");
        }
        return new AgentWork(constant(AgentType.class, node, "agent"), constant(WorkKind.class, node, "kind"), key,
                constant(Trigger.class, node, "trigger"), requestedAt);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("agent work has no " + field);
        }
        return value.textValue();
    }

    private static <E extends Enum<E>> E constant(Class<E> type, JsonNode node, String field) {
        String value = text(node, field);
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agent work's " + field + " '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
