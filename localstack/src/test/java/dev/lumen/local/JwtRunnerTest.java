package dev.lumen.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.lumen.local.auth.DevTokens;
import dev.lumen.local.auth.LocalAccess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The runner with {@code LUMEN_AUTH=jwt}: it verifies bearer tokens as API Gateway's JWT authorizer
 * does and the handlers authorize on the claims. Runs in a JVM of its own (see localstack/pom.xml):
 * handlers keep one configuration per JVM, so this runner cannot share one with {@link LocalRunner}'s.
 */
@Tag("jwt-runner")
@org.junit.jupiter.api.extension.ExtendWith(JwtRunner.class)
class JwtRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = JwtRunner.SECRET;

    private static LumenLocal runner;
    private static LocalAccess access;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        runner = JwtRunner.runner();
        access = JwtRunner.access();
    }

    @Test
    void withoutAValidTokenEveryProtectedRouteIs401BeforeAnyFunctionRuns() throws Exception {
        String path = "/api/users/jwt-ann/emotional-state";
        String body = "{\"level\":0.5,\"state\":\"calm\"}";
        String otherSecret = "another-secret-that-is-also-32-bytes-long!!";
        Instant now = Instant.now();

        HttpResponse<String> missing = send(put(path, body));
        HttpResponse<String> notBearer = send(put(path, body).header("authorization", "Basic YWRtaW46YWRtaW4="));
        HttpResponse<String> garbage = send(put(path, body).header("authorization", "Bearer not.a.jwt"));
        HttpResponse<String> badSignature = send(put(path, body).header("authorization", "Bearer "
                + DevTokens.sign(claims("jwt-ann", now.plusSeconds(600)).build(), otherSecret)));
        HttpResponse<String> expired = send(put(path, body).header("authorization", "Bearer "
                + DevTokens.sign(claims("jwt-ann", now.minusSeconds(600)).build(), SECRET)));
        HttpResponse<String> wrongIssuer = send(put(path, body).header("authorization", "Bearer "
                + DevTokens.sign(claims("jwt-ann", now.plusSeconds(600)).issuer("https://evil.example").build(), SECRET)));
        HttpResponse<String> wrongAudience = send(put(path, body).header("authorization", "Bearer "
                + DevTokens.sign(claims("jwt-ann", now.plusSeconds(600)).audience("someone-else").build(), SECRET)));

        for (HttpResponse<String> response : java.util.List.of(missing, notBearer, garbage, badSignature, expired,
                wrongIssuer, wrongAudience)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("unauthenticated");
            assertThat(response.headers().firstValue("www-authenticate")).contains("Bearer");
            assertThat(response.headers().firstValue("x-content-type-options")).contains("nosniff");
        }
        assertThat(JSON.readTree(expired.body()).at("/error/message").asText()).containsIgnoringCase("expired");
        // AND nothing was written: ann's own token finds no state
        HttpResponse<String> read = send(get(path).header("authorization", bearer("jwt-ann", "user", null)));
        assertThat(read.statusCode()).isEqualTo(404);
    }

    @Test
    void aGoodTokenIsServedAndAnotherUsersDataIs403() throws Exception {
        String ann = bearer("jwt-bob", "user", null);
        String eve = bearer("jwt-eve", "user", null);
        String path = "/api/users/jwt-bob/emotional-state";

        HttpResponse<String> written = send(put(path, "{\"level\":0.7,\"state\":\"hopeful\"}").header("authorization", ann));
        HttpResponse<String> read = send(get(path).header("authorization", ann));
        HttpResponse<String> snooped = send(get(path).header("authorization", eve));
        HttpResponse<String> overwritten = send(put(path, "{\"level\":0.1,\"state\":\"sad\"}").header("authorization", eve));
        HttpResponse<String> stats = send(get("/api/stats").header("authorization", ann));
        HttpResponse<String> adminStats = send(get("/api/stats").header("authorization", bearer("jwt-root", "admin", null)));

        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).at("/current/state").asText()).isEqualTo("hopeful");
        assertThat(written.headers().firstValue("cache-control")).contains("no-store");
        assertThat(snooped.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(snooped.body()).at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(overwritten.statusCode()).isEqualTo(403);
        assertThat(stats.statusCode()).isEqualTo(403);
        assertThat(adminStats.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(send(get(path).header("authorization", ann)).body()).at("/current/state").asText())
                .isEqualTo("hopeful");
    }

    @Test
    void creatorsManageOnlyTheirOwnKnowledge() throws Exception {
        String sleep = bearer("jwt-coach", "creator", "jwt-sleep");
        String other = bearer("jwt-rival", "creator", "jwt-rival");
        String put = "{\"name\":\"Dr Sleep\",\"expertise\":\"sleep\"}";

        assertThat(send(put("/api/creators/jwt-sleep", put).header("authorization", sleep)).statusCode()).isEqualTo(200);
        assertThat(send(put("/api/creators/jwt-sleep", put).header("authorization", other)).statusCode()).isEqualTo(403);
        assertThat(send(get("/api/creators/jwt-sleep/documents").header("authorization", other)).statusCode()).isEqualTo(403);
        assertThat(send(get("/api/creators/jwt-sleep/documents").header("authorization", sleep)).statusCode()).isEqualTo(200);
    }

    @Test
    void healthStaysOpen() throws Exception {
        assertThat(send(get("/api/health")).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserOverTheRateLimitIs429WithRetryAfter() throws Exception {
        String token = bearer("jwt-busy", "user", null);
        HttpResponse<String> last = null;
        int served = 0;
        for (int i = 0; i < 12 && (last == null || last.statusCode() != 429); i++) {
            last = send(get("/api/users/jwt-busy/profile").header("authorization", token));
            served += last.statusCode() == 200 ? 1 : 0;
        }
        assertThat(served).isBetween(10, 11);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(last.body()).at("/error/code").asText()).isEqualTo("rate_limited");
        assertThat(last.headers().firstValue("retry-after").map(Integer::parseInt)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1, 10));
        // AND another user is not held back by it
        assertThat(send(get("/api/users/jwt-calm/profile").header("authorization", bearer("jwt-calm", "user", null)))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverEveryRoutesLimitIsRefusedUnread() throws Exception {
        // GIVEN a request that announces 50 MB and sends none of it
        URI base = URI.create(runner.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + bearer("jwt-big", "user", null) + "\r\n"
                    + "Content-Length: 50000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // THEN the answer comes at once, without the runner waiting for the body
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!received.toString().contains("}}")) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
            String response = received.toString();
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("body_too_large");
        }
    }

    @Test
    void mintTokenGivesATokenTheRunnerAccepts() throws Exception {
        String token = DevTokens.mint(access, Map.of("sub", "jwt-minted", "role", "user"), Instant.now());
        assertThat(send(get("/api/users/jwt-minted/profile").header("authorization", "Bearer " + token)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theWebSocketHandshakeNeedsAGoodTokenAndItsUserIsTheConnections() throws Exception {
        URI ws = URI.create(runner.baseUrl().replace("http://", "ws://") + "/ws");
        String otherSecret = "another-secret-that-is-also-32-bytes-long!!";

        // WHEN a connection comes without a token, with garbage, or with a badly signed or expired one
        for (String query : java.util.List.of("", "?token=not.a.jwt",
                "?token=" + DevTokens.sign(claims("jwt-ws", Instant.now().plusSeconds(600)).build(), otherSecret),
                "?token=" + DevTokens.sign(claims("jwt-ws", Instant.now().minusSeconds(600)).build(), SECRET))) {
            // THEN the handshake is refused with 401 and nothing is registered
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> dev.lumen.local.ws.WebSocketClient.connect(
                    URI.create(ws + query)))).as(query).hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
                    .cause().satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e).getResponse()
                            .statusCode()).isEqualTo(401));
        }
        dev.lumen.domain.realtime.ConnectionRegistry registry = registry();
        assertThat(registry.ofUser("jwt-ws", Instant.now())).isEmpty();

        // WHEN a good token connects
        String token = bearer("jwt-ws", "user", null).substring("Bearer ".length());
        try (dev.lumen.local.ws.WebSocketClient client = dev.lumen.local.ws.WebSocketClient.connect(URI.create(ws + "?token=" + token))) {
            // THEN the connection is the token's user's, and its messages act as that user
            assertThat(registry.ofUser("jwt-ws", Instant.now())).hasSize(1);
            client.send("{\"action\":\"typing\",\"sessionId\":\"jwt-ws-session\",\"typing\":true}");
            client.send("{\"action\":\"sendMessage\",\"personaId\":\"jwt-nobody\",\"message\":\"hi\"}");
            com.fasterxml.jackson.databind.JsonNode frame = client.next(Duration.ofSeconds(30));
            while (frame.path("type").asText().equals("typing")) {
                frame = client.next(Duration.ofSeconds(30));
            }
            assertThat(frame.at("/error/code").asText()).isEqualTo("persona_not_found");
            HttpResponse<String> typing = send(get("/api/sessions/jwt-ws-session/typing")
                    .header("authorization", bearer("jwt-ws", "user", null)));
            assertThat(JSON.readTree(typing.body()).path("typing").findValuesAsText("userId")).containsExactly("jwt-ws");

            // AND erasing the user forgets the connection while it is still open
            HttpResponse<String> erased = send(HttpRequest.newBuilder(URI.create(runner.baseUrl() + "/api/users/jwt-ws"))
                    .timeout(Duration.ofSeconds(30)).DELETE().header("authorization", bearer("jwt-ws", "user", null)));
            assertThat(erased.statusCode()).isEqualTo(200);
            assertThat(registry.ofUser("jwt-ws", Instant.now())).isEmpty();
        }

        // AND a connection closed by its client loses its record
        try (dev.lumen.local.ws.WebSocketClient client = dev.lumen.local.ws.WebSocketClient.connect(URI.create(ws + "?token=" + token))) {
            assertThat(registry.ofUser("jwt-ws", Instant.now())).hasSize(1);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!registry.ofUser("jwt-ws", Instant.now()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(registry.ofUser("jwt-ws", Instant.now())).isEmpty();
    }

    private static dev.lumen.domain.realtime.ConnectionRegistry registry() {
        software.amazon.awssdk.services.dynamodb.DynamoDbClient client = software.amazon.awssdk.services.dynamodb.DynamoDbClient
                .builder().endpointOverride(runner.dynamoDbEndpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(dev.lumen.adapter.aws.ClientCredentials.LOCAL)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
        return new dev.lumen.adapter.dynamodb.DynamoDbConnectionRegistry(client, runner.tableName());
    }

    private static JWTClaimsSet.Builder claims(String subject, Instant expires) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(access.issuer()).audience(access.audience())
                .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires))
                .claim("custom:role", "user");
    }

    private static String bearer(String subject, String role, String creatorId) {
        Map<String, String> options = new java.util.HashMap<>(Map.of("sub", subject, "role", role));
        if (creatorId != null) {
            options.put("creator", creatorId);
        }
        return "Bearer " + DevTokens.mint(access, options, Instant.now());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(runner.baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private static HttpRequest.Builder put(String path, String body) {
        return HttpRequest.newBuilder(URI.create(runner.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
