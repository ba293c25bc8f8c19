package dev.lumen.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.local.auth.DevTokens;
import dev.lumen.local.auth.LocalAccess;
import dev.lumen.local.lambda.LocalFunction;
import dev.lumen.local.lambda.LocalFunctions;
import dev.lumen.local.template.HttpRoute;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The runner's stand-in for the JWT authorizer, without a web server: which claims reach the function, and when none does. */
class HttpApiAuthTest {
    private static final String SECRET = "unit-test-secret-that-is-long-enough-for-hs256";

    private final AtomicReference<APIGatewayV2HTTPEvent> received = new AtomicReference<>();

    private HttpApi api(LocalAccess access) {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> recorder = (event, context) -> {
            received.set(event);
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{}").build();
        };
        return new HttpApi(new RouteTable(List.of(new HttpRoute("GET", "/api/private", "Recorder"),
                new HttpRoute("GET", "/api/health", "Recorder"))),
                LocalFunctions.of(List.of(LocalFunction.of("Recorder", recorder, APIGatewayV2HTTPEvent.class,
                        APIGatewayV2HTTPResponse.class))),
                Optional.empty(), access.authenticator(), Set.of("GET /api/health"));
    }

    @Test
    void withAuthenticationOffEveryRequestIsTheDevAdminButOpenRoutesGetNoClaims() {
        HttpApi api = api(LocalAccess.fromEnvironment(Map.of("LUMEN_DEV_USER", "me")));

        assertThat(api.handle(get("/api/private", null)).status()).isEqualTo(200);
        assertThat(received.get().getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("sub", "me").containsEntry("custom:role", "admin");
        assertThat(api.handle(get("/api/health", null)).status()).isEqualTo(200);
        assertThat(received.get().getRequestContext().getAuthorizer()).isNull();
    }

    @Test
    void withJwtAVerifiedTokensClaimsReachTheFunctionInApiGatewaysStringForm() {
        LocalAccess access = LocalAccess.fromEnvironment(Map.of("LUMEN_AUTH", "jwt", "LUMEN_JWT_SECRET", SECRET));
        HttpApi api = api(access);
        String token = DevTokens.mint(access, Map.of("sub", "u1", "role", "creator", "creator", "c1"), Instant.now());

        OutgoingResponse ok = api.handle(get("/api/private", "Bearer " + token));
        OutgoingResponse none = api.handle(get("/api/private", null));

        assertThat(ok.status()).isEqualTo(200);
        Map<String, String> claims = received.get().getRequestContext().getAuthorizer().getJwt().getClaims();
        assertThat(claims).containsEntry("sub", "u1").containsEntry("custom:role", "creator")
                .containsEntry("custom:creatorId", "c1").containsEntry("iss", "lumen-local").containsEntry("aud", "[lumen]");
        assertThat(Long.parseLong(claims.get("exp"))).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(none.status()).isEqualTo(401);
        assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("\"code\":\"unauthenticated\"");
        assertThat(none.headers()).containsEntry("x-content-type-options", List.of("nosniff"));
    }

    @Test
    void rs256TokensAreVerifiedWithTheKeysOfTheJwksFile() throws Exception {
        // GIVEN a JWKS file holding one RSA public key, as Cognito publishes it
        com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("k1").generate();
        com.nimbusds.jose.jwk.RSAKey stranger = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("k1").generate();
        java.nio.file.Path jwks = java.nio.file.Files.createTempFile("jwks-", ".json");
        java.nio.file.Files.writeString(jwks, new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString());
        HttpApi api = api(LocalAccess.fromEnvironment(Map.of("LUMEN_AUTH", "jwt", "LUMEN_JWKS_FILE", jwks.toString(),
                "LUMEN_JWT_ISSUER", "https://cognito-idp.example/pool", "LUMEN_JWT_AUDIENCE", "client-1")));

        // WHEN / THEN a token it signed passes; one signed by another key, or HS256, does not
        assertThat(api.handle(get("/api/private", "Bearer " + rs256(key))).status()).isEqualTo(200);
        assertThat(received.get().getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("sub", "cognito-user").containsEntry("cognito:groups", "[creator]");
        assertThat(api.handle(get("/api/private", "Bearer " + rs256(stranger))).status()).isEqualTo(401);
        assertThat(api.handle(get("/api/private", "Bearer " + DevTokens.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .subject("x").issuer("https://cognito-idp.example/pool").audience("client-1")
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(60))).build(), SECRET))).status()).isEqualTo(401);
    }

    private static String rs256(com.nimbusds.jose.jwk.RSAKey key) throws Exception {
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("cognito-user").issuer("https://cognito-idp.example/pool")
                        .audience("client-1").expirationTime(java.util.Date.from(Instant.now().plusSeconds(600)))
                        .claim("cognito:groups", List.of("creator")).build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void jwtModeNeedsAKeyAndAShortSecretIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalAccess.fromEnvironment(Map.of("LUMEN_AUTH", "jwt")))
                .hasMessageContaining("LUMEN_JWT_SECRET");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalAccess.fromEnvironment(
                Map.of("LUMEN_AUTH", "jwt", "LUMEN_JWT_SECRET", "short"))).hasMessageContaining("32 bytes");
        assertThat(LocalAccess.off().handlerValues()).containsEntry("LUMEN_RATE_LIMIT_PER_MINUTE", "0");
        assertThat(LocalAccess.fromEnvironment(Map.of("LUMEN_AUTH", "jwt", "LUMEN_JWT_SECRET", SECRET)).handlerValues())
                .doesNotContainKey("LUMEN_RATE_LIMIT_PER_MINUTE");
    }

    private static IncomingRequest get(String path, String authorization) {
        Map<String, List<String>> headers = authorization == null ? Map.of() : Map.of("Authorization", List.of(authorization));
        return new IncomingRequest("GET", path, null, headers, new byte[0], "127.0.0.1", "HTTP/1.1");
    }
}
