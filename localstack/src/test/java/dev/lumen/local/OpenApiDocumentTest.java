package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.local.template.HttpRoute;
import dev.lumen.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml} kept in step with {@code template.yaml}: the same routes, each operation
 * named and answering the API's error shape, open routes open, every {@code $ref} resolving. A
 * route added to the template without its description (or described and gone from the template)
 * fails here with the list of what differs.
 */
class OpenApiDocumentTest {

    private final OpenApi document = OpenApi.load(OpenApi.PROJECT_DOCUMENT);
    private final SamTemplate template = SamTemplate.load(TemplateModelTest.PROJECT_TEMPLATE);

    @Test
    void documents_exactly_the_routes_of_the_template() {
        // GIVEN the template's routes and the document's operations
        Set<String> routes = new TreeSet<>();
        for (HttpRoute route : template.httpRoutes()) {
            if (!route.path().equals(HttpRoute.DEFAULT_ROUTE)) {
                routes.add(route.routeKey());
            }
        }
        Set<String> documented = new TreeSet<>();
        document.operations().forEach(operation -> documented.add(operation.routeKey()));

        // WHEN they are compared
        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        Set<String> notInTemplate = new TreeSet<>(documented);
        notInTemplate.removeAll(routes);

        // THEN neither has one the other lacks
        assertThat(undocumented).as("routes in template.yaml missing from openapi.yaml (add them under paths:)").isEmpty();
        assertThat(notInTemplate).as("operations in openapi.yaml that template.yaml has no route for").isEmpty();
        assertThat(routes).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void every_operation_is_named_once_and_answers_a_success_and_the_api_error_shape() {
        Set<String> operationIds = new HashSet<>();
        List<String> problems = new ArrayList<>();
        JsonNode errorSchema = document.root().at("/components/schemas/Error");
        assertThat(errorSchema.at("/required").toString()).isEqualTo("[\"error\"]");
        assertThat(errorSchema.at("/properties/error/required").toString()).isEqualTo("[\"code\",\"message\"]");

        for (OpenApi.Operation operation : document.operations()) {
            String key = operation.routeKey();
            String operationId = operation.node().path("operationId").asText("");
            if (operationId.isBlank()) {
                problems.add(key + " has no operationId");
            } else if (!operationIds.add(operationId)) {
                problems.add(key + " reuses operationId " + operationId);
            }
            JsonNode responses = operation.node().path("responses");
            List<String> statuses = new ArrayList<>();
            responses.fieldNames().forEachRemaining(statuses::add);
            if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
                problems.add(key + " documents no 2xx response");
            }
            if (statuses.stream().noneMatch(s -> s.startsWith("4") || s.startsWith("5"))) {
                problems.add(key + " documents no error response");
            }
            boolean open = template.openRouteKeys().contains(key);
            for (String status : statuses) {
                JsonNode response = document.deref(responses.get(status));
                if (response.path("description").asText("").isBlank()) {
                    problems.add(key + " " + status + " has no description");
                }
                // Errors use the one shape; only the open health checks answer 503 with their report.
                if (!open && (status.startsWith("4") || status.startsWith("5"))) {
                    JsonNode schema = response.at("/content/application~1json/schema");
                    if (!"#/components/schemas/Error".equals(schema.path("$ref").asText())) {
                        problems.add(key + " " + status + " does not answer the error shape {error:{code,message}}");
                    }
                }
            }
            if (!open) {
                // API Gateway's authorizer and the per-user token bucket apply to every route but the open ones.
                for (String status : List.of("401", "429")) {
                    if (!responses.has(status)) {
                        problems.add(key + " is behind the JWT authorizer but does not document " + status);
                    }
                }
            }
            if (operation.node().has("requestBody") && !responses.has("400")) {
                problems.add(key + " takes a body but documents no 400");
            }
        }
        assertThat(problems).as("operations of openapi.yaml").isEmpty();
    }

    @Test
    void routes_the_template_leaves_open_are_open_and_every_other_needs_the_bearer_token() {
        // GIVEN the global requirement and its scheme
        assertThat(document.root().at("/security/0").has("cognitoJwt")).isTrue();
        JsonNode scheme = document.root().at("/components/securitySchemes/cognitoJwt");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");

        Set<String> documentedOpen = new TreeSet<>();
        for (OpenApi.Operation operation : document.operations()) {
            JsonNode security = operation.node().get("security");
            if (security != null && security.isArray() && security.isEmpty()) {
                documentedOpen.add(operation.routeKey());
            }
        }

        // THEN exactly the template's Authorizer: NONE routes are open (health checks among them)
        assertThat(template.openRouteKeys()).contains("GET /api/health");
        assertThat(documentedOpen).isEqualTo(template.openRouteKeys());
    }

    @Test
    void every_path_parameter_is_declared_and_every_declared_one_is_in_the_path() {
        List<String> problems = new ArrayList<>();
        Pattern placeholder = Pattern.compile("\\{([^}]+)}");
        for (OpenApi.Operation operation : document.operations()) {
            Set<String> inPath = new TreeSet<>();
            Matcher matcher = placeholder.matcher(operation.path());
            while (matcher.find()) {
                inPath.add(matcher.group(1));
            }
            Set<String> declared = new TreeSet<>();
            List<JsonNode> parameters = new ArrayList<>();
            operation.pathItem().path("parameters").forEach(parameters::add);
            operation.node().path("parameters").forEach(parameters::add);
            for (JsonNode parameterOrRef : parameters) {
                JsonNode parameter = document.deref(parameterOrRef);
                if (parameter.path("in").asText().equals("path")) {
                    declared.add(parameter.path("name").asText());
                    if (!parameter.path("required").asBoolean()) {
                        problems.add(operation.routeKey() + " path parameter " + parameter.path("name").asText() + " is not required");
                    }
                }
                if (parameter.path("schema").isMissingNode()) {
                    problems.add(operation.routeKey() + " parameter " + parameter.path("name").asText() + " has no schema");
                }
            }
            if (!declared.equals(inPath)) {
                problems.add(operation.routeKey() + " declares path parameters " + declared + " for " + inPath);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void every_ref_resolves() {
        List<String> dangling = new ArrayList<>();
        for (var ref : document.refs()) {
            if (document.resolve(ref.getValue()).isEmpty()) {
                dangling.add(ref.getKey() + " -> " + ref.getValue());
            }
        }
        assertThat(document.refs()).hasSizeGreaterThan(100);
        assertThat(dangling).as("$ref that point nowhere").isEmpty();
    }

    @Test
    void a_real_openapi_parser_reads_it_without_a_single_message() throws Exception {
        // GIVEN swagger-parser, resolving every $ref
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);

        // WHEN it reads the document
        io.swagger.v3.parser.core.models.SwaggerParseResult result = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(java.nio.file.Files.readString(OpenApi.PROJECT_DOCUMENT), null, options);

        // THEN it finds nothing to complain about, and the paths we count
        assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
        assertThat(result.getOpenAPI().getPaths()).hasSize(document.root().path("paths").size());
    }

    @Test
    void the_document_is_openapi_3_with_info_and_a_local_server() {
        assertThat(document.root().path("openapi").asText()).startsWith("3.");
        assertThat(document.root().at("/info/title").asText()).isNotBlank();
        assertThat(document.root().at("/info/version").asText()).isNotBlank();
        assertThat(document.root().at("/servers/0/url").asText()).isEqualTo("http://127.0.0.1:3000");
        // The WebSocket API cannot be an OpenAPI operation; the extension names its routes.
        assertThat(document.root().at("/x-websocket/routes").has("sendMessage")).isTrue();
    }

    /**
     * A response part typed only {@code type: object} promises nothing a client can rely on, and
     * lets the runner checks pass whatever a handler puts there: every object in a response says
     * its properties, its value type ({@code additionalProperties}) or its shapes ({@code oneOf}).
     */
    @Test
    void no_part_of_a_response_is_a_bare_object() {
        List<String> bare = new java.util.ArrayList<>();
        for (OpenApi.Operation operation : document.operations()) {
            operation.node().path("responses").fields().forEachRemaining(response -> bareObjects(
                    document.deref(response.getValue()).path("content").path("application/json").path("schema"),
                    operation.routeKey() + " " + response.getKey(), bare, 0));
        }
        assertThat(bare).as("response parts typed only as object").isEmpty();
    }

    private void bareObjects(JsonNode schemaOrRef, String where, List<String> bare, int depth) {
        if (schemaOrRef.isMissingNode() || depth > 12) {
            return;
        }
        JsonNode schema = document.deref(schemaOrRef);
        if ("object".equals(schema.path("type").asText()) && !schema.has("properties") && !schema.has("oneOf")
                && !schema.has("allOf") && !schema.path("additionalProperties").isObject()) {
            bare.add(where);
        }
        schema.path("properties").fields().forEachRemaining(p -> bareObjects(p.getValue(), where + "." + p.getKey(), bare, depth + 1));
        bareObjects(schema.path("items"), where + "[]", bare, depth + 1);
        bareObjects(schema.path("additionalProperties"), where + ".*", bare, depth + 1);
        for (JsonNode part : schema.path("oneOf")) {
            bareObjects(part, where + "|", bare, depth + 1);
        }
        for (JsonNode part : schema.path("allOf")) {
            bareObjects(part, where + "&", bare, depth + 1);
        }
    }

    @Test
    void the_body_checker_takes_exactly_one_shape_of_a_one_of() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode snapshot = json.readTree("""
                {"kind":"persona","id":"ada","version":1,"reason":"MANUAL","takenAt":"2026-11-22T03:21:15Z","sizeBytes":1,
                 "checksum":"x"}""");
        JsonNode persona = json.readTree("{\"name\":\"Ada\",\"traits\":[]}");
        JsonNode agent = json.readTree("{\"agent\":\"guardian\",\"xp\":3,\"eligible\":true,\"material\":[]}");
        JsonNode neither = json.readTree("{\"something\":\"else\"}");

        List<String> asPersona = document.checkResponse("GET", "/api/snapshots/{kind}/{id}/{version}", 200,
                json.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("snapshot", snapshot).set("state", persona));
        List<String> asAgent = document.checkResponse("GET", "/api/snapshots/{kind}/{id}/{version}", 200,
                json.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("snapshot", snapshot).set("state", agent));
        List<String> asNeither = document.checkResponse("GET", "/api/snapshots/{kind}/{id}/{version}", 200,
                json.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("snapshot", snapshot).set("state", neither));

        assertThat(asPersona.stream().filter(p -> p.contains("$.state")).toList()).isEmpty();
        assertThat(asAgent.stream().filter(p -> p.contains("$.state")).toList()).isEmpty();
        assertThat(asNeither).anySatisfy(p -> assertThat(p).contains("$.state matches 0 of its oneOf shapes"));
    }

    @Test
    void the_body_checker_reports_a_missing_field_a_wrong_type_and_an_undocumented_status() throws Exception {
        // GIVEN bodies that drifted from the document
        ObjectMapper json = new ObjectMapper();
        JsonNode noId = json.readTree("""
                {"name":"Ada","creatorId":"default","traits":[],"createdAt":"2026-11-22T03:21:15Z"}""");
        JsonNode badIntensity = json.readTree("""
                {"id":"ada","name":"Ada","creatorId":"default","createdAt":"2026-11-22T03:21:15Z",
                 "traits":[{"id":"warmth","name":"Warmth","intensity":"high","inherited":false}]}""");
        JsonNode good = json.readTree("""
                {"id":"ada","name":"Ada","creatorId":"default","createdAt":"2026-11-22T03:21:15Z",
                 "traits":[{"id":"warmth","name":"Warmth","intensity":0.8,"inherited":false}]}""");

        // THEN the checker says what is wrong, and passes what is right
        assertThat(document.checkResponse("POST", "/api/personas", 201, noId))
                .singleElement().asString().contains("required field 'id'");
        assertThat(document.checkResponse("POST", "/api/personas", 201, badIntensity))
                .singleElement().asString().contains("$.traits[0].intensity should be number");
        assertThat(document.checkResponse("POST", "/api/personas", 201, good)).isEmpty();
        assertThat(document.checkResponse("POST", "/api/personas", 200, good))
                .singleElement().asString().contains("does not list");
    }
}
