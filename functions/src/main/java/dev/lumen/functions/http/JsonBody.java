package dev.lumen.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A request body read as a JSON object, with typed accessors that reject missing or wrong-typed
 * fields with a {@link ValidationException} naming the field. Reading the tree by hand (rather
 * than binding classes by reflection) keeps error messages precise and cold start short.
 */
public final class JsonBody {
    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody of(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            throw new ValidationException("missing_body", "the request needs a JSON body");
        }
        if (event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return parse(body);
    }

    public static JsonBody parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ValidationException("invalid_json", "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("invalid_json", "the body must be a JSON object");
        }
        return new JsonBody(root);
    }

    /**
     * Refuses a field this request does not have: a misspelt field would otherwise be silently
     * ignored, and the caller would never learn why their value had no effect.
     */
    public JsonBody allowOnly(String... fields) {
        java.util.Set<String> allowed = java.util.Set.of(fields);
        java.util.Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ValidationException("unknown_field", "'" + (name.length() > 64 ? name.substring(0, 64) + "…" : name)
                        + "' is not a field of this request; it takes " + String.join(", ", fields));
            }
        }
        return this;
    }

    public String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw new ValidationException("missing_field", "'" + field + "' is required");
        }
        return value;
    }

    /** The field's text, or null when it is absent or JSON null. */
    public String optionalString(String field) {
        return text(root, field, field);
    }

    public double requiredNumber(String field) {
        return number(root, field, field);
    }

    public boolean requiredBoolean(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new ValidationException("missing_field", "'" + field + "' is required");
        }
        if (!node.isBoolean()) {
            throw new ValidationException("invalid_type", "'" + field + "' must be true or false");
        }
        return node.booleanValue();
    }

    /** An optional whole number within [min, max]; {@code fallback} when absent. */
    public int optionalInt(String field, int fallback, int min, int max) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < min || node.intValue() > max) {
            throw new ValidationException("invalid_" + field, "'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return node.intValue();
    }

    /** An optional boolean; {@code fallback} when absent. */
    public boolean optionalBoolean(String field, boolean fallback) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? fallback : requiredBoolean(field);
    }

    /** An optional object whose values are all strings; empty when absent. */
    public java.util.Map<String, String> optionalStringMap(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return java.util.Map.of();
        }
        if (!node.isObject()) {
            throw new ValidationException("invalid_type", "'" + field + "' must be an object of strings");
        }
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new ValidationException("invalid_type", "'" + field + "." + entry.getKey() + "' must be a string");
            }
            values.put(entry.getKey(), entry.getValue().textValue());
        });
        return values;
    }

    /** The strings of an optional array of strings; empty when absent. */
    public List<String> optionalStrings(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ValidationException("invalid_type", "'" + field + "' must be an array of strings");
        }
        List<String> items = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new ValidationException("invalid_type", "'" + field + "' must contain only strings");
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** The elements of an optional array of objects; empty when absent. */
    public List<JsonBody> optionalObjects(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ValidationException("invalid_type", "'" + field + "' must be an array");
        }
        List<JsonBody> items = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new ValidationException("invalid_type", "'" + field + "' must contain objects");
            }
            items.add(new JsonBody(item));
        }
        return items;
    }

    private static String text(JsonNode parent, String field, String label) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ValidationException("invalid_type", "'" + label + "' must be a string");
        }
        return node.textValue();
    }

    private static double number(JsonNode parent, String field, String label) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new ValidationException("missing_field", "'" + label + "' is required");
        }
        if (!node.isNumber()) {
            throw new ValidationException("invalid_type", "'" + label + "' must be a number");
        }
        return node.doubleValue();
    }
}
