package dev.lumen.domain.custody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Passes an answer that is JSON valid against the test's {@code schema}. Only a subset of JSON
 * Schema is understood — {@code type} (object, array, string, number, integer, boolean, null),
 * {@code required}, {@code properties}, {@code items}, {@code enum}, {@code minItems} — enough to
 * check that an agent answers in a machine-readable contract, without a schema library in the
 * Lambda jar. Any other keyword is refused when the bank loads rather than silently ignored.
 * A Markdown code fence around the JSON is tolerated: models add one habitually.
 */
public final class JsonSchemaGrader implements Grader {
    public static final String TYPE = "json-schema";
    private static final Set<String> KEYWORDS = Set.of("type", "required", "properties", "items", "enum",
            "minItems", "description");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");
    private static final int MAX_REPORTED = 5;

    // trailing prose after the JSON ("{...} Hope this helps") breaks the machine-readable contract
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void check(GraderSpec spec) {
        JsonNode schema = spec.option("schema");
        if (!schema.isObject()) {
            throw new IllegalArgumentException("grader 'json-schema' needs an object 'schema'");
        }
        checkSchema(schema, "$");
    }

    @Override
    public Grade grade(CustodyTest test, String answer) {
        JsonNode value;
        try {
            value = json.readTree(unfenced(answer == null ? "" : answer));
        } catch (JsonProcessingException e) {
            return Grade.fail("Answer is not JSON.");
        }
        if (value == null || value.isMissingNode()) {
            return Grade.fail("Answer is not JSON.");
        }
        List<String> violations = new ArrayList<>();
        validate(test.grader().option("schema"), value, "$", violations);
        if (violations.isEmpty()) {
            return Grade.pass("Answer is valid against the schema.");
        }
        List<String> shown = violations.subList(0, Math.min(MAX_REPORTED, violations.size()));
        return Grade.fail("Answer breaks the schema: " + String.join("; ", shown)
                + (violations.size() > shown.size() ? "; and " + (violations.size() - shown.size()) + " more." : "."));
    }

    private static void checkSchema(JsonNode schema, String path) {
        Iterator<String> names = schema.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!KEYWORDS.contains(name)) {
                throw new IllegalArgumentException("grader 'json-schema' does not support keyword '" + name + "' at " + path);
            }
        }
        JsonNode type = schema.path("type");
        if (!type.isMissingNode() && !(type.isTextual() && TYPES.contains(type.asText()))) {
            throw new IllegalArgumentException("grader 'json-schema' has an unknown type " + type + " at " + path);
        }
        if (schema.has("required") && !schema.get("required").isArray()) {
            throw new IllegalArgumentException("grader 'json-schema' 'required' must be an array at " + path);
        }
        if (schema.has("enum") && !schema.get("enum").isArray()) {
            throw new IllegalArgumentException("grader 'json-schema' 'enum' must be an array at " + path);
        }
        if (schema.has("minItems") && !schema.get("minItems").canConvertToInt()) {
            throw new IllegalArgumentException("grader 'json-schema' 'minItems' must be an integer at " + path);
        }
        for (Map.Entry<String, JsonNode> property : iterable(schema.path("properties").fields())) {
            checkSchema(property.getValue(), path + "." + property.getKey());
        }
        if (schema.has("items")) {
            checkSchema(schema.get("items"), path + "[]");
        }
    }

    private static void validate(JsonNode schema, JsonNode value, String path, List<String> violations) {
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            violations.add(path + " should be " + type);
            return;
        }
        JsonNode allowed = schema.path("enum");
        if (allowed.isArray() && !contains(allowed, value)) {
            violations.add(path + " should be one of " + allowed);
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    violations.add(path + " lacks required field '" + name.asText() + "'");
                }
            }
            for (Map.Entry<String, JsonNode> property : iterable(schema.path("properties").fields())) {
                JsonNode field = value.get(property.getKey());
                if (field != null) {
                    validate(property.getValue(), field, path + "." + property.getKey(), violations);
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                violations.add(path + " should have at least " + schema.get("minItems").asInt() + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    validate(schema.get("items"), value.get(i), path + "[" + i + "]", violations);
                }
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode candidate : array) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The JSON inside a Markdown code fence, or the answer itself. */
    static String unfenced(String answer) {
        String text = answer.strip();
        if (text.startsWith("```")) {
            int firstLineEnd = text.indexOf('\n');
            int closing = text.lastIndexOf("```");
            if (firstLineEnd > 0 && closing > firstLineEnd) {
                return text.substring(firstLineEnd + 1, closing).strip();
            }
        }
        return text;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
