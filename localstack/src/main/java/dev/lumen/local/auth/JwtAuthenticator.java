package dev.lumen.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.lumen.local.http.Authenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code LUMEN_AUTH=jwt}: verifies {@code Authorization: Bearer <JWT>} as API Gateway's JWT
 * authorizer does — signature (HS256 with {@code LUMEN_JWT_SECRET}, RS256 with the keys of
 * {@code LUMEN_JWKS_FILE}), issuer, audience, expiry and not-before (60 s clock skew) — and hands
 * the claims on in API Gateway's form: every value a string, arrays as {@code [a b]}, times as
 * epoch seconds.
 */
final class JwtAuthenticator implements Authenticator {
    private static final String BEARER = "bearer ";

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    JwtAuthenticator(LocalAccess access) {
        List<JWK> keys = new ArrayList<>();
        access.hmacSecret().ifPresent(secret ->
                keys.add(new OctetSequenceKey.Builder(secret.getBytes(StandardCharsets.UTF_8)).build()));
        access.jwksFile().ifPresent(file -> {
            try {
                keys.addAll(JWKSet.load(file.toFile()).getKeys());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read LUMEN_JWKS_FILE " + file, e);
            } catch (ParseException e) {
                throw new IllegalArgumentException("LUMEN_JWKS_FILE is not a JWK set: " + e.getMessage(), e);
            }
        });
        Set<JWSAlgorithm> algorithms = new java.util.HashSet<>();
        access.hmacSecret().ifPresent(secret -> algorithms.add(JWSAlgorithm.HS256));
        access.jwksFile().ifPresent(file -> algorithms.add(JWSAlgorithm.RS256));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, new ImmutableJWKSet<>(new JWKSet(keys))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(access.audience(),
                new JWTClaimsSet.Builder().issuer(access.issuer()).build(), Set.of("sub", "exp")));
    }

    @Override
    public Outcome authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Rejected("sign in: send Authorization: Bearer <token>");
        }
        String value = authorization.strip();
        if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return new Rejected("the Authorization header must be 'Bearer <token>'");
        }
        try {
            JWTClaimsSet claims = processor.process(value.substring(BEARER.length()).strip(), null);
            return new Authenticated(asApiGatewayClaims(claims));
        } catch (BadJWTException e) {
            // Expired, wrong issuer or audience, missing claims: the message names which.
            return new Rejected("the token was refused: " + e.getMessage());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return new Rejected("the token is not valid (malformed or bad signature)");
        }
    }

    /** The claims as API Gateway puts them in payload format 2.0: a map of strings. */
    static Map<String, String> asApiGatewayClaims(JWTClaimsSet claims) {
        Map<String, String> flat = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof Date date) {
                flat.put(name, Long.toString(date.getTime() / 1000));
            } else if (value instanceof Collection<?> items) {
                flat.put(name, items.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]")));
            } else if (value != null) {
                flat.put(name, String.valueOf(value));
            }
        });
        return flat;
    }
}
