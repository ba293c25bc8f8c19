package dev.lumen.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code mint-token}: a development token the runner accepts with {@code LUMEN_AUTH=jwt}, HS256
 * with {@code LUMEN_JWT_SECRET}, carrying the claims Cognito's ID token carries for Lumen
 * ({@code sub}, {@code custom:role}, {@code custom:creatorId}).
 *
 * <pre>java -jar localstack/target/lumen-local.jar mint-token --sub u1 --role user [--creator c1] [--ttl-minutes 60]</pre>
 */
public final class DevTokens {
    private static final Set<String> ROLES = Set.of("user", "creator", "admin");

    private DevTokens() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(mint(LocalAccess.fromEnvironment(System.getenv()), options(args), Instant.now()));
        } catch (IllegalArgumentException e) {
            System.err.println("mint-token: " + e.getMessage());
            System.err.println("usage: LUMEN_JWT_SECRET=<32+ bytes> lumen-local mint-token --sub <userId> "
                    + "--role user|creator|admin [--creator <creatorId>] [--ttl-minutes 60]");
            System.exit(2);
        }
    }

    /** A signed token for the options {@code sub}, {@code role}, {@code creator}, {@code ttl-minutes}. */
    public static String mint(LocalAccess access, Map<String, String> options, Instant now) {
        String secret = access.hmacSecret().orElseThrow(() ->
                new IllegalArgumentException("set LUMEN_JWT_SECRET (the runner must use the same one)"));
        String subject = options.get("sub");
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("--sub is required");
        }
        String role = options.getOrDefault("role", "user").toLowerCase(Locale.ROOT);
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("--role must be user, creator or admin");
        }
        long minutes;
        try {
            minutes = Long.parseLong(options.getOrDefault("ttl-minutes", "60"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ttl-minutes must be a whole number");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(access.issuer())
                .audience(access.audience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(minutes))))
                .jwtID(UUID.randomUUID().toString())
                .claim("token_use", "id")
                .claim("custom:role", role);
        if (options.get("creator") != null) {
            claims.claim("custom:creatorId", options.get("creator"));
        }
        return sign(claims.build(), secret);
    }

    /** Signs any claims with HS256 (tests use it for expired or foreign tokens). */
    public static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
