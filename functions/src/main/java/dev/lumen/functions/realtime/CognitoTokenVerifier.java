package dev.lumen.functions.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.error.UnauthenticatedException;
import dev.lumen.functions.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Verifies a Cognito ID token (RS256) as API Gateway's JWT authorizer does for the HTTP API:
 * signature against the user pool's JWKS, issuer, audience (the app client), {@code token_use=id},
 * expiry and not-before with 60 s of clock skew. WebSocket APIs have no JWT authorizer, so the
 * {@code $connect} authorizer function calls this.
 *
 * <p>JDK only ({@link Signature} {@code SHA256withRSA}, Jackson already in the jar): a JOSE library
 * would add ~800 KB to every function's jar and its class loading to every cold start, for one
 * algorithm. Only RS256 is accepted, so neither {@code alg: none} nor an HMAC-with-the-public-key
 * confusion can get through.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html">Verifying a JSON Web Token</a>
 */
public final class CognitoTokenVerifier {
    private static final Duration SKEW = Duration.ofSeconds(60);
    /** A kid not in the cached set triggers at most one fetch per this long (keys rotate rarely). */
    private static final Duration REFETCH_AFTER = Duration.ofMinutes(5);
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final String issuer;
    private final String audience;
    private final Function<String, Map<String, PublicKey>> fetchKeys;
    private final Clock clock;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private volatile Instant fetchedAt = Instant.EPOCH;

    /**
     * @param issuer    {@code https://cognito-idp.{region}.amazonaws.com/{poolId}}; the keys are at
     *                  {@code {issuer}/.well-known/jwks.json}
     * @param audience  the app client id
     */
    public static CognitoTokenVerifier forUserPool(String issuer, String audience) {
        URI jwks = URI.create(issuer + "/.well-known/jwks.json");
        return new CognitoTokenVerifier(issuer, audience, ignored -> fetch(jwks), Clock.systemUTC());
    }

    CognitoTokenVerifier(String issuer, String audience, Function<String, Map<String, PublicKey>> fetchKeys, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.fetchKeys = fetchKeys;
        this.clock = clock;
    }

    /**
     * The token's claims in API Gateway's string form (arrays as {@code [a b]}).
     *
     * @throws UnauthenticatedException for anything but a valid, current ID token of this pool and client;
     *         the message says which check failed, never echoing the token
     */
    public Map<String, String> verify(String token) {
        if (token == null || token.isBlank()) {
            throw new UnauthenticatedException("sign in: pass the ID token as the 'token' query parameter");
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw new UnauthenticatedException("the token is not a JWT");
        }
        JsonNode header = json(parts[0]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw new UnauthenticatedException("the token is not signed with RS256");
        }
        PublicKey key = key(header.path("kid").asText(""));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(BASE64URL.decode(parts[2]))) {
                throw new UnauthenticatedException("the token's signature is not valid");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnauthenticatedException("the token's signature is not valid");
        }
        JsonNode claims = json(parts[1]);
        Instant now = clock.instant();
        if (!issuer.equals(claims.path("iss").asText())) {
            throw new UnauthenticatedException("the token was issued by someone else");
        }
        if (!audience.equals(claims.path("aud").asText())) {
            throw new UnauthenticatedException("the token is for another client");
        }
        if (!"id".equals(claims.path("token_use").asText())) {
            throw new UnauthenticatedException("send the ID token, not the access token");
        }
        if (!claims.path("exp").canConvertToLong() || !now.minus(SKEW).isBefore(Instant.ofEpochSecond(claims.path("exp").asLong()))) {
            throw new UnauthenticatedException("the token has expired");
        }
        if (claims.has("nbf") && now.plus(SKEW).isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong()))) {
            throw new UnauthenticatedException("the token is not valid yet");
        }
        if (claims.path("sub").asText("").isBlank()) {
            throw new UnauthenticatedException("the token names no subject");
        }
        return flatten(claims);
    }

    private PublicKey key(String kid) {
        PublicKey key = keys.get(kid);
        if (key == null && clock.instant().isAfter(fetchedAt.plus(REFETCH_AFTER))) {
            keys.putAll(fetchKeys.apply(kid));
            fetchedAt = clock.instant();
            key = keys.get(kid);
        }
        if (key == null) {
            throw new UnauthenticatedException("the token was signed with an unknown key");
        }
        return key;
    }

    /** The RSA keys of a JWK set, by kid. */
    static Map<String, PublicKey> keysOf(JsonNode jwks) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (JsonNode jwk : jwks.path("keys")) {
            if (!"RSA".equals(jwk.path("kty").asText())) {
                continue;
            }
            try {
                keys.put(jwk.path("kid").asText(), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, BASE64URL.decode(jwk.path("n").asText())),
                        new BigInteger(1, BASE64URL.decode(jwk.path("e").asText())))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // A key this code cannot read verifies nothing; the others still do.
            }
        }
        return keys;
    }

    private static Map<String, PublicKey> fetch(URI jwks) {
        try {
            HttpURLConnection connection = (HttpURLConnection) jwks.toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(3_000);
            try (InputStream in = connection.getInputStream()) {
                return keysOf(Json.MAPPER.readTree(in));
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new dev.lumen.domain.error.UnavailableException("jwks_unavailable", "the user pool's keys could not be read", e);
        }
    }

    private static JsonNode json(String part) {
        try {
            JsonNode node = Json.MAPPER.readTree(BASE64URL.decode(part));
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException | IllegalArgumentException e) {
            // reported below
        }
        throw new UnauthenticatedException("the token is not a JWT");
    }

    private static Map<String, String> flatten(JsonNode claims) {
        Map<String, String> flat = new LinkedHashMap<>();
        claims.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                StringJoiner items = new StringJoiner(" ", "[", "]");
                value.forEach(item -> items.add(item.asText()));
                flat.put(entry.getKey(), items.toString());
            } else if (value.isValueNode() && !value.isNull()) {
                flat.put(entry.getKey(), value.asText());
            }
        });
        return flat;
    }
}
