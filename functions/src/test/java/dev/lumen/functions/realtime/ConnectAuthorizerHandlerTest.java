package dev.lumen.functions.realtime;

import dev.lumen.functions.observability.InvocationCapture;
import dev.lumen.functions.observability.LambdaContextStub;
import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.functions.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The {@code $connect} authorizer against tokens signed with a key the test makes, served as a JWK set. */
class ConnectAuthorizerHandlerTest {
    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Lum3nPool";
    private static final String CLIENT = "4lumenexampleclientid0000";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final KeyPair POOL_KEY = rsa();
    private static final KeyPair OTHER_KEY = rsa();
    private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:w5kmxmplws/live/$connect";

    private final ConnectAuthorizerHandler handler = new ConnectAuthorizerHandler(new CognitoTokenVerifier(ISSUER, CLIENT,
            kid -> CognitoTokenVerifier.keysOf(Json.MAPPER.valueToTree(Map.of("keys", List.of(jwk("pool-key", POOL_KEY.getPublic()))))),
            Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void aValidIdTokenIsAllowedWithTheClaimsTheFunctionsReadAsContext() {
        // WHEN
        Map<String, Object> answer = handler.handleRequest(connect(token(claims -> claims.put("custom:creatorId", "creator-1"))), null);

        // THEN
        assertThat(answer.get("principalId")).isEqualTo("user-1");
        assertThat(effect(answer)).isEqualTo("Allow");
        assertThat(answer.get("context")).isEqualTo(Map.of("sub", "user-1", "custom:role", "creator", "custom:creatorId", "creator-1",
                "cognito:groups", "[creator]"));
    }

    @Test
    void everyBadTokenIsDenied() {
        List<String> tokens = List.of(
                "",
                "not-a-jwt",
                "a.b.c",
                token(claims -> { }, OTHER_KEY.getPrivate(), "pool-key", "RS256"),
                token(claims -> { }, POOL_KEY.getPrivate(), "unknown-key", "RS256"),
                token(claims -> { }, POOL_KEY.getPrivate(), "pool-key", "none"),
                token(claims -> claims.put("exp", NOW.minusSeconds(120).getEpochSecond())),
                token(claims -> claims.put("nbf", NOW.plusSeconds(600).getEpochSecond())),
                token(claims -> claims.put("iss", "https://evil.example")),
                token(claims -> claims.put("aud", "another-client")),
                token(claims -> claims.put("token_use", "access")),
                token(claims -> claims.remove("sub")));
        for (String token : tokens) {
            assertThat(effect(handler.handleRequest(connect(token), null))).as(token).isEqualTo("Deny");
        }
        assertThat(effect(handler.handleRequest(connect(null), null))).isEqualTo("Deny");
    }

    @SuppressWarnings("unchecked")
    private static String effect(Map<String, Object> answer) {
        Map<String, Object> policy = (Map<String, Object>) answer.get("policyDocument");
        Map<String, Object> statement = ((List<Map<String, Object>>) policy.get("Statement")).get(0);
        assertThat(statement.get("Resource")).isEqualTo(ARN);
        return (String) statement.get("Effect");
    }

    private static APIGatewayCustomAuthorizerEvent connect(String token) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn(ARN);
        event.setQueryStringParameters(token == null ? Map.of() : Map.of("token", token));
        return event;
    }

    private static String token(Consumer<ObjectNode> change) {
        return token(change, POOL_KEY.getPrivate(), "pool-key", "RS256");
    }

    private static String token(Consumer<ObjectNode> change, PrivateKey key, String kid, String alg) {
        ObjectNode claims = Json.MAPPER.createObjectNode();
        claims.put("sub", "user-1");
        claims.put("iss", ISSUER);
        claims.put("aud", CLIENT);
        claims.put("token_use", "id");
        claims.put("custom:role", "creator");
        claims.putArray("cognito:groups").add("creator");
        claims.put("email", "ann@example.com");
        claims.put("iat", NOW.minusSeconds(60).getEpochSecond());
        claims.put("exp", NOW.plusSeconds(3_600).getEpochSecond());
        change.accept(claims);
        String header = base64(("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + base64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> jwk(String kid, PublicKey key) {
        RSAPublicKey rsa = (RSAPublicKey) key;
        return Map.of("kty", "RSA", "kid", kid, "alg", "RS256", "use", "sig",
                "n", base64(unsigned(rsa.getModulus().toByteArray())), "e", base64(unsigned(rsa.getPublicExponent().toByteArray())));
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theAuthorizerLogsWithItsInvocationContext() {
        try (InvocationCapture capture = new InvocationCapture()) {
            // GIVEN a key source that logs when it is asked, as the JWK fetch does
            ConnectAuthorizerHandler observed = new ConnectAuthorizerHandler(new CognitoTokenVerifier(ISSUER, CLIENT, kid -> {
                capture.logger().info("keys looked up");
                return CognitoTokenVerifier.keysOf(Json.MAPPER.valueToTree(Map.of("keys", List.of(jwk("pool-key", POOL_KEY.getPublic())))));
            }, Clock.fixed(NOW, ZoneOffset.UTC)));

            // WHEN
            Map<String, Object> answer = observed.handleRequest(connect(token(claims -> { })),
                    new LambdaContextStub("req-auth-1", "lumen-dev-ConnectAuthorizerFunction"));

            // THEN
            assertThat(effect(answer)).isEqualTo("Allow");
            JsonNode line = capture.logged("keys looked up").get(0);
            assertThat(line.path("requestId").asText()).isEqualTo("req-auth-1");
            assertThat(line.path("function").asText()).isEqualTo("lumen-dev-ConnectAuthorizerFunction");
            assertThat(line.path("route").asText()).isEqualTo("$connect");
            JsonNode metric = capture.invocationMetric();
            assertThat(metric.path("Kind").asText()).isEqualTo("authorizer");
            assertThat(metric.path("Errors").asInt()).as("an Allow or a Deny is an answer").isZero();
            assertThat(metric.path("requestId").asText()).isEqualTo("req-auth-1");
            capture.assertContextCleared();
        }
    }
}
