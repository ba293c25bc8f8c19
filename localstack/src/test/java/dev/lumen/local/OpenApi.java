package dev.lumen.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The project's {@code openapi.yaml}, read for tests: its operations, {@code $ref} resolution and a
 * small checker of JSON bodies against its schemas (types, required fields, enums, patterns,
 * ranges, date-time formats). Enough to catch a document that drifted from what the handlers
 * answer, without a validator library.
 */
final class OpenApi {

    /** The module's tests run from localstack/; the document sits at the top of the checkout, beside the template. */
    static final Path PROJECT_DOCUMENT = Path.of("..", "openapi.yaml");
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private OpenApi(JsonNode root) {
        this.root = root;
    }

    static OpenApi load(Path path) {
        try {
            return parse(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Safe YAML (no custom tags), as any client of the document would read it. */
    static OpenApi parse(String yaml) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("the OpenAPI document is not a YAML mapping");
        }
        return new OpenApi(JSON.valueToTree(tree));
    }

    JsonNode root() {
        return root;
    }

    /** One documented operation. */
    record Operation(String method, String path, JsonNode node, JsonNode pathItem) {
        /** {@code "GET /api/health"}, as API Gateway's route keys are written. */
        String routeKey() {
            return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(new Operation(method, path.getKey(), path.getValue().get(method), path.getValue()));
                }
            }
        });
        return operations;
    }

    Optional<Operation> operation(String method, String path) {
        return operations().stream()
                .filter(o -> o.method().equalsIgnoreCase(method) && o.path().equals(path)).findFirst();
    }

    /** The node a local {@code $ref} ({@code #/components/...}) points at, if it does. */
    Optional<JsonNode> resolve(String ref) {
        if (!ref.startsWith("#/")) {
            return Optional.empty();
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? Optional.empty() : Optional.of(target);
    }

    /** The node itself, or what its {@code $ref} points at (followed until there is none). */
    JsonNode deref(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("$ref cycle at " + node);
            }
            String ref = current.get("$ref").asText();
            current = resolve(ref).orElseThrow(() -> new IllegalStateException("unresolved $ref " + ref));
        }
        return current;
    }

    /** Every {@code $ref} in the document, with where it is. */
    List<Map.Entry<String, String>> refs() {
        List<Map.Entry<String, String>> refs = new ArrayList<>();
        collectRefs(root, "#", refs);
        return refs;
    }

    private static void collectRefs(JsonNode node, String where, List<Map.Entry<String, String>> refs) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(Map.entry(where, field.getValue().asText()));
                } else {
                    collectRefs(field.getValue(), where + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), refs);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), where + "/" + i, refs);
            }
        }
    }

    /**
     * What is wrong with a response body for the operation and status, against the document: an
     * undocumented status, or a body that does not match the response's JSON schema. Empty when it matches.
     */
    List<String> checkResponse(String method, String path, int status, JsonNode body) {
        Operation operation = operation(method, path).orElse(null);
        if (operation == null) {
            return List.of(method + " " + path + " is not documented");
        }
        JsonNode response = operation.node().path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of(operation.routeKey() + " answered " + status + ", which the document does not list for it");
        }
        JsonNode schema = deref(response).path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return List.of(operation.routeKey() + " " + status + " has no application/json schema");
        }
        List<String> problems = new ArrayList<>();
        check(schema, body, "$", problems);
        return problems.stream().map(p -> operation.routeKey() + " " + status + ": " + p).toList();
    }

    /** Checks a value against a schema, adding what does not match to {@code problems}. */
    void check(JsonNode schemaOrRef, JsonNode value, String where, List<String> problems) {
        JsonNode schema = deref(schemaOrRef);
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, where, problems);
        }
        if (schema.has("oneOf")) {
            // Exactly one of the shapes must match, as OpenAPI means it.
            int matching = 0;
            List<String> closest = null;
            for (JsonNode option : schema.get("oneOf")) {
                List<String> mismatches = new ArrayList<>();
                check(option, value, where, mismatches);
                if (mismatches.isEmpty()) {
                    matching++;
                } else if (closest == null || mismatches.size() < closest.size()) {
                    closest = mismatches;
                }
            }
            if (matching != 1) {
                problems.add(where + " matches " + matching + " of its oneOf shapes, not one"
                        + (matching == 0 ? ": " + closest : ""));
            }
        }
        String type = schema.path("type").asText("");
        boolean typed = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!typed) {
            problems.add(where + " should be " + type + " but is " + value.getNodeType() + " (" + abbreviate(value) + ")");
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.asText().equals(value.asText());
            }
            if (!listed) {
                problems.add(where + " is " + abbreviate(value) + ", not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual()) {
            checkString(schema, value.asText(), where, problems);
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                problems.add(where + " is " + value + ", below the minimum " + schema.get("minimum"));
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                problems.add(where + " is " + value + ", above the maximum " + schema.get("maximum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                JsonNode field = value.get(required.asText());
                if (field == null || field.isNull()) {
                    problems.add(where + " lacks the required field '" + required.asText() + "' (has " + fieldNames(value) + ")");
                }
            }
            schema.path("properties").fields().forEachRemaining(property -> {
                JsonNode field = value.get(property.getKey());
                if (field != null && !field.isNull()) {
                    check(property.getValue(), field, where + "." + property.getKey(), problems);
                }
            });
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isObject()) {
                value.fields().forEachRemaining(field -> {
                    if (!schema.path("properties").has(field.getKey())) {
                        check(additional, field.getValue(), where + "." + field.getKey(), problems);
                    }
                });
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), where + "[" + i + "]", problems);
            }
        }
    }

    private static void checkString(JsonNode schema, String text, String where, List<String> problems) {
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(where + " '" + text + "' does not match " + schema.get("pattern").asText());
        }
        String format = schema.path("format").asText("");
        try {
            if (format.equals("date-time")) {
                OffsetDateTime.parse(text);
            } else if (format.equals("date")) {
                LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            problems.add(where + " '" + text + "' is not a " + format);
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
