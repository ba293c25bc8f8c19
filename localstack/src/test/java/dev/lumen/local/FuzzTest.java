package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.local.auth.DevTokens;
import dev.lumen.local.template.FunctionEvent;
import dev.lumen.local.template.FunctionSpec;
import dev.lumen.local.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import dev.lumen.testing.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hostile input across every HTTP route of {@code template.yaml}, through the runner with
 * {@code LUMEN_AUTH=jwt}: no token, broken tokens, other people's tokens, malformed and wrongly
 * typed JSON, oversized bodies, invalid ids in the path and junk in the query. Every answer must be
 * a 4xx with a JSON error (never a 5xx), carry the security headers, and nothing may change: the whole table, every queue and
 * the statistics are compared before and after. Deterministic (fixed seed). Runs in a JVM of its
 * own (see localstack/pom.xml): the handlers keep one configuration per JVM.
 */
@Tag("fuzz")
class FuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "a-fuzz-test-secret-that-is-32-bytes-or-more";
    private static final int MIN_REQUESTS = 2_000;
    private static final String OWNER = "fuzz-owner";
    private static final String CREATOR = "fuzz-creator";
    private static final String PERSONA = "fuzz-persona";
    private static final String SESSION = "fuzz-session";

    private static LumenLocal runner;
    private static SamTemplate template;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        runner = LocalRunner.startIsolated(LocalRunner.isolatedSettings("lumen-fuzz-test", Map.of(
                "LUMEN_AUTH", "jwt",
                "LUMEN_JWT_SECRET", SECRET,
                // Off: each hostile request must reach validation, not stop at a spent token bucket.
                "LUMEN_RATE_LIMIT_PER_MINUTE", "0")));
        template = SamTemplate.load(LocalRunner.PROJECT_TEMPLATE);
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    /** One hostile request and the statuses that are right for it. */
    private record Attack(String kind, String method, String path, String body, String token, int... expected) {
    }

    @Test
    void twoThousandHostileRequestsGetA4xxEachAndChangeNothing() throws Exception {
        // GIVEN a persona with a creator, a chatted session and a creator profile to aim at
        String admin = "Bearer " + token("fuzz-admin", "admin", null, 600);
        String creator = "Bearer " + token(CREATOR + "-user", "creator", CREATOR, 600);
        assertThat(send("PUT", "/api/creators/" + CREATOR, "{\"name\":\"Fuzz Coach\",\"methodology\":\"small steps\"}", creator)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> persona = send("POST", "/api/personas", """
                {"id": "%s", "name": "Fuzz", "description": "A persona under attack", "creatorId": "%s",
                 "traits": [{"name": "Warmth", "description": "kind", "intensity": 0.7}]}""".formatted(PERSONA, CREATOR), creator);
        assertThat(persona.statusCode()).as(persona.body()).isEqualTo(201);
        HttpResponse<String> chat = send("POST", "/api/chat", """
                {"personaId": "%s", "sessionId": "%s", "message": "How do I sleep better?"}""".formatted(PERSONA, SESSION),
                "Bearer " + token(OWNER, "user", null, 600));
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        for (String queue : runner.queues().logicalIds()) {
            assertThat(runner.queues().awaitDrained(queue, Duration.ofMinutes(2))).as(queue).isTrue();
        }
        Snapshot before = snapshot(admin);

        // WHEN every route gets the whole catalogue of hostile requests
        List<Attack> attacks = attacks(routes(), new Random(20261207L));
        Map<String, Integer> byKind = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Attack attack : attacks) {
            HttpResponse<String> response = send(attack.method(), attack.path(), attack.body(), attack.token());
            int status = response.statusCode();
            byKind.merge(attack.kind(), 1, Integer::sum);
            byStatus.merge(status, 1, Integer::sum);
            boolean readOnlySuccess = attack.method().equals("GET") && status == 200;
            boolean secured = response.headers().firstValue("x-content-type-options").filter("nosniff"::equals).isPresent();
            if (!secured || !(readOnlySuccess || expected(attack, status) && isJsonError(response.body()))) {
                wrong.add(attack.kind() + " " + attack.method() + " " + shorten(attack.path()) + " -> " + status + " "
                        + shorten(response.body()));
            }
        }
        for (String queue : runner.queues().logicalIds()) {
            runner.queues().awaitDrained(queue, Duration.ofSeconds(30));
        }
        Snapshot after = snapshot(admin);
        System.out.printf("fuzz: %d requests over %d routes; by kind %s; by status %s%n",
                attacks.size(), routes().size(), byKind, byStatus);

        // THEN at least 2,000 requests, never a 5xx, each refusal a JSON error of the expected kind (a read
        // may succeed: the junk it carried is ignored), and no change anywhere
        assertThat(attacks.size()).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(byStatus.keySet()).as("statuses").allMatch(status -> status < 500);
        assertThat(wrong.size() > 40 ? wrong.subList(0, 40) : wrong).as("requests answered unexpectedly (of " + wrong.size() + ")")
                .isEmpty();
        assertThat(after.items()).as("table items").isEqualTo(before.items());
        assertThat(after.queueDepths()).as("queue depths").isEqualTo(before.queueDepths());
        assertThat(after.stats()).as("statistics").isEqualTo(before.stats());
    }

    /** Every route (method and path template) declared in template.yaml. */
    private static List<String[]> routes() {
        List<String[]> routes = new ArrayList<>();
        for (FunctionSpec function : template.functions()) {
            for (FunctionEvent event : function.events()) {
                if ("HttpApi".equals(event.type())) {
                    routes.add(new String[] {String.valueOf(event.properties().get("Method")).toUpperCase(),
                            String.valueOf(event.properties().get("Path"))});
                }
            }
        }
        return routes;
    }

    private List<Attack> attacks(List<String[]> routes, Random random) {
        List<Attack> attacks = new ArrayList<>();
        String stranger = token("fuzz-stranger", "user", null, 600);
        String otherCreator = token("fuzz-other-creator-user", "creator", "fuzz-other-creator", 600);
        List<String> badTokens = List.of("", "Bearer", "Bearer not.a.jwt", "Basic YWRtaW46YWRtaW4=",
                "Bearer " + sign(claims(OWNER, "user", null, 600).build(), "a-different-secret-that-is-32-bytes-long"),
                "Bearer " + sign(claims(OWNER, "user", null, -600).build(), SECRET),
                "Bearer " + sign(claims(OWNER, "user", null, 600).issuer("https://evil.example").build(), SECRET),
                "Bearer " + sign(claims(OWNER, "user", null, 600).audience("someone-else").build(), SECRET),
                "Bearer eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("{\"sub\":\"" + OWNER + "\",\"custom:role\":\"admin\"}").getBytes()) + ".");
        for (String[] route : routes) {
            String method = route[0];
            String template = route[1];
            if (template.equals("/api/health")) {
                continue; // open by design, and read-only
            }
            String path = fill(template, Map.of());
            boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
            String body = hasBody ? "{}" : null;
            // 1. no token or a broken one: 401 before any function runs
            for (String bad : badTokens) {
                attacks.add(new Attack("unauthenticated", method, path, body, bad.isEmpty() ? null : bad, 401));
                attacks.add(new Attack("unauthenticated", method, path, invalidBody(method, random), bad.isEmpty() ? null : bad, 401));
            }
            // 2. someone else's data: a user and a creator who own nothing here
            boolean ownerScoped = template.contains("{userId}") || template.contains("{creatorId}")
                    || template.startsWith("/api/escalations") || template.startsWith("/api/stats")
                    || (template.startsWith("/api/personas") && !method.equals("GET") && !template.endsWith("/memories"))
                    || template.equals("/api/personality") || template.startsWith("/api/usage");
            if (ownerScoped) {
                for (String intruder : List.of(stranger, otherCreator)) {
                    for (int i = 0; i < 5; i++) {
                        attacks.add(new Attack("forbidden", method, path, invalidBody(method, random), "Bearer " + intruder,
                                400, 403, 404));
                    }
                }
            }
            // 3. malformed and wrongly typed bodies, as an admin who may do anything
            String admin = "Bearer " + token("fuzz-admin", "admin", null, 600);
            if (hasBody) {
                for (String malformed : MALFORMED) {
                    attacks.add(new Attack("malformed-json", method, path, malformed, admin, 400, 404, 413, 415, 422));
                }
                for (int i = 0; i < 48; i++) {
                    attacks.add(new Attack("wrong-types", method, path, wronglyTyped(random), admin, 400, 404, 409, 422));
                }
                // Over the JSON routes' 64 KiB limit; document uploads take more and then refuse the shape.
                attacks.add(new Attack("oversized", method, path, "{\"message\":\"" + "y".repeat(70 * 1024) + "\"}", admin,
                        400, 413));
                attacks.add(new Attack("oversized", method, path, "{\"message\":\"" + "z".repeat(2 * 1024 * 1024) + "\"}", admin,
                        400, 413));
            }
            // 4. invalid ids in every path parameter
            if (template.contains("{")) {
                for (String id : BAD_IDS) {
                    attacks.add(new Attack("bad-path-id", method, fill(template, Map.of("*", id)), invalidBody(method, random),
                            admin, 400, 404));
                }
            }
            // 5. junk in the query string
            // (a delete carries no body to refuse, so there a stranger sends the junk)
            for (String query : BAD_QUERIES) {
                attacks.add(method.equals("DELETE")
                        ? new Attack("bad-query", method, path + "?" + query, null, "Bearer " + stranger, 400, 403)
                        : new Attack("bad-query", method, path + "?" + query, hasBody ? "{" : null, admin, 400, 404, 422));
            }
        }
        return attacks;
    }

    private static final List<String> MALFORMED = List.of("{", "}", "[]", "null", "\"text\"", "42", "{\"a\":", "{'single':'quotes'}",
            "{\"message\": \"unterminated}", "{\"a\":1,}", "\u0000\u0001\u0002", "<xml/>", "{\"a\":NaN}",
            "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_001),
            "{\"message\":\"\\ud800\"}", "\uFEFF{}", "{} trailing", "   ", "{\"dup\":1,\"dup\":2}");

    private static final List<String> BAD_IDS = List.of("bad%23id", "..%2F..%2Fetc", "%20", "x".repeat(300), "%C3%A9t%C3%A9",
            "a%00b", "semi%3Bcolon", "quote%22", "%E2%80%AE", "tab%09id", "dollar%24", "star*", "dot.id", "colon%3Aid",
            "at%40id", "plus%2Bid", "pct%25id", "%F0%9F%98%80", "new%0Aline", "comma%2Cid");

    private static final List<String> BAD_QUERIES = List.of("limit=-1", "limit=abc", "limit=99999999999", "k=0", "k=100000",
            "from=2020-13-45&to=yesterday", "status=weird", "personaId=bad%23id", "userId=%00", "mode=nonsense",
            "q=" + "z".repeat(5_000), "userId=a&creatorId=b");

    private static final List<Function<Random, Object>> WRONG_VALUES = List.of(
            r -> r.nextInt(), r -> -1.5e308, r -> List.of(1, 2), r -> Map.of("nested", Map.of("deep", true)), r -> true,
            r -> "", r -> "x".repeat(5_000), r -> "bad#id", r -> Double.NaN == 0 ? 0 : -0.0001, r -> 2.5);

    private static final List<String> FIELDS = List.of("personaId", "sessionId", "userId", "message", "name", "description",
            "traits", "intensity", "action", "amount", "value", "level", "state", "triggers", "typing", "title", "content",
            "contentType", "query", "mode", "k", "type", "topic", "resolvedBy", "note", "id", "creatorId", "locale");

    /** A JSON object whose known fields carry values of the wrong type or out of range; never a valid request. */
    private static String wronglyTyped(Random random) {
        Map<String, Object> body = new HashMap<>();
        int fields = 1 + random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            body.put(FIELDS.get(random.nextInt(FIELDS.size())), WRONG_VALUES.get(random.nextInt(WRONG_VALUES.size())).apply(random));
        }
        // Always one value no route accepts, so the request can never be valid by chance.
        body.put(FIELDS.get(random.nextInt(FIELDS.size())), Map.of("not", List.of("a", "scalar")));
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String invalidBody(String method, Random random) {
        return method.equals("GET") || method.equals("DELETE") ? null : random.nextBoolean() ? "{" : wronglyTyped(random);
    }

    /** The path with every {param} replaced: by {@code values.get("*")} when given, else by the seeded ids. */
    private static String fill(String template, Map<String, String> values) {
        String path = template;
        Map<String, String> ids = Map.of("{userId}", OWNER, "{creatorId}", CREATOR, "{personaId}", PERSONA,
                "{sessionId}", SESSION, "{documentId}", "fuzz-document", "{traitId}", "warmth", "{escalationId}", "fuzz-escalation");
        for (Map.Entry<String, String> id : ids.entrySet()) {
            path = path.replace(id.getKey(), values.getOrDefault("*", id.getValue()));
        }
        return path.replaceAll("\\{[^}]+}", values.getOrDefault("*", "fuzz-id"));
    }

    private static boolean expected(Attack attack, int status) {
        for (int allowed : attack.expected()) {
            if (allowed == status) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJsonError(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.path("error").path("code").isTextual() && node.path("error").path("message").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private record Snapshot(Map<String, Map<String, AttributeValue>> items, Map<String, Long> queueDepths, String stats) {
    }

    private Snapshot snapshot(String adminToken) throws Exception {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        try (DynamoDbClient dynamoDb = DynamoDbClients.create("us-east-1", Optional.of(runner.dynamoDbEndpoint()))) {
            LocalDynamoDb.scan(dynamoDb, runner.tableName())
                    .forEach(item -> items.put(item.get("pk").s() + " | " + item.get("sk").s(), item));
        }
        Map<String, Long> depths = new TreeMap<>();
        for (String queue : new TreeSet<>(runner.queues().logicalIds())) {
            depths.put(queue, runner.queues().depth(queue));
        }
        HttpResponse<String> stats = send("GET", "/api/stats", null, adminToken);
        assertThat(stats.statusCode()).isEqualTo(200);
        return new Snapshot(items, depths, stats.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String subject, String role, String creatorId, long validSeconds) {
        return sign(claims(subject, role, creatorId, validSeconds).build(), SECRET);
    }

    private static JWTClaimsSet.Builder claims(String subject, String role, String creatorId, long validSeconds) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
                .issuer(dev.lumen.local.auth.LocalAccess.DEFAULT_ISSUER).audience(dev.lumen.local.auth.LocalAccess.DEFAULT_AUDIENCE)
                .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(validSeconds)))
                .claim("custom:role", role);
        if (creatorId != null) {
            claims.claim("custom:creatorId", creatorId);
        }
        return claims;
    }

    private static String sign(JWTClaimsSet claims, String secret) {
        return DevTokens.sign(claims, secret);
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
