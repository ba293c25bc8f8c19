package dev.lumen.local.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The local runner's access settings, read once from the environment.
 *
 * @param mode               {@code LUMEN_AUTH}: {@code off} (default) or {@code jwt}
 * @param hmacSecret         {@code LUMEN_JWT_SECRET}: the HS256 key tokens are signed with (at least 32 bytes);
 *                           also the key {@code mint-token} signs with
 * @param jwksFile           {@code LUMEN_JWKS_FILE}: a JWK set (JSON) of RS256 public keys, e.g. a copy of a
 *                           Cognito pool's {@code /.well-known/jwks.json}
 * @param issuer             {@code LUMEN_JWT_ISSUER}: the {@code iss} tokens must carry (default {@code lumen-local})
 * @param audience           {@code LUMEN_JWT_AUDIENCE}: the {@code aud} tokens must carry (default {@code lumen})
 * @param devUser            {@code LUMEN_DEV_USER}: who requests act as when authentication is off (default {@code dev-user})
 * @param rateLimitPerMinute {@code LUMEN_RATE_LIMIT_PER_MINUTE} for the handlers; when unset, the template's value
 *                           with {@code jwt}, and 0 (off) with {@code off}, where every request is the same dev user
 * @param rateLimitBurst     {@code LUMEN_RATE_LIMIT_BURST} for the handlers; when unset, the template's value
 */
public record LocalAccess(AuthMode mode, Optional<String> hmacSecret, Optional<Path> jwksFile, String issuer,
                          String audience, String devUser, Optional<String> rateLimitPerMinute,
                          Optional<String> rateLimitBurst) {

    public static final String DEFAULT_ISSUER = "lumen-local";
    public static final String DEFAULT_AUDIENCE = "lumen";
    /** HS256 keys shorter than the hash are refused by JOSE libraries (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    public LocalAccess {
        hmacSecret.ifPresent(secret -> {
            if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("LUMEN_JWT_SECRET must be at least " + MIN_SECRET_BYTES
                        + " bytes (HS256); e.g. openssl rand -base64 48");
            }
        });
        jwksFile.ifPresent(file -> {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("LUMEN_JWKS_FILE names no file: " + file);
            }
        });
        if (mode == AuthMode.JWT && hmacSecret.isEmpty() && jwksFile.isEmpty()) {
            throw new IllegalArgumentException("LUMEN_AUTH=jwt needs a key: LUMEN_JWT_SECRET (HS256) and/or LUMEN_JWKS_FILE (RS256)");
        }
    }

    /** Off, the dev user, no keys: what the runner does with no configuration. */
    public static LocalAccess off() {
        return fromEnvironment(Map.of());
    }

    public static LocalAccess fromEnvironment(Map<String, String> env) {
        return new LocalAccess(AuthMode.parse(env.get("LUMEN_AUTH")),
                value(env, "LUMEN_JWT_SECRET"),
                value(env, "LUMEN_JWKS_FILE").map(Path::of).map(Path::toAbsolutePath),
                value(env, "LUMEN_JWT_ISSUER").orElse(DEFAULT_ISSUER),
                value(env, "LUMEN_JWT_AUDIENCE").orElse(DEFAULT_AUDIENCE),
                value(env, "LUMEN_DEV_USER").orElse("dev-user"),
                value(env, "LUMEN_RATE_LIMIT_PER_MINUTE"),
                value(env, "LUMEN_RATE_LIMIT_BURST"));
    }

    /** The request authorizer for this mode. */
    public dev.lumen.local.http.Authenticator authenticator() {
        return mode == AuthMode.JWT ? new JwtAuthenticator(this) : new DevIdentity(devUser);
    }

    /**
     * Handler settings this implies: the mode itself ({@code LUMEN_AUTH}, which the Guardian agent
     * checks as a risky setting: without it handlers would assume {@code jwt}, as in AWS) and the
     * rate limit (off with the shared dev identity, unless set).
     */
    public Map<String, String> handlerValues() {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("LUMEN_AUTH", mode.name().toLowerCase(java.util.Locale.ROOT));
        if (rateLimitPerMinute.isPresent()) {
            values.put("LUMEN_RATE_LIMIT_PER_MINUTE", rateLimitPerMinute.get());
        } else if (mode == AuthMode.OFF) {
            values.put("LUMEN_RATE_LIMIT_PER_MINUTE", "0");
        }
        rateLimitBurst.ifPresent(burst -> values.put("LUMEN_RATE_LIMIT_BURST", burst));
        return values;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
