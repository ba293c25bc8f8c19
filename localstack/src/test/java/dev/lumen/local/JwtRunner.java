package dev.lumen.local;

import dev.lumen.local.auth.DevTokens;
import dev.lumen.local.auth.LocalAccess;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: the runner with {@code LUMEN_AUTH=jwt}, started once for the test classes tagged
 * {@code jwt-runner} (their own JVM, see localstack/pom.xml: handlers keep one configuration per JVM,
 * so it cannot share one with {@link LocalRunner}'s) and stopped when they are done.
 */
final class JwtRunner implements BeforeAllCallback {
    static final String SECRET = "a-local-test-secret-of-at-least-32-bytes!";
    static final Map<String, String> ENVIRONMENT = Map.of(
            "LUMEN_AUTH", "jwt",
            "LUMEN_JWT_SECRET", SECRET,
            // Small, so a test can run a user out: 10 at once, then one every 10 s.
            "LUMEN_RATE_LIMIT_PER_MINUTE", "6",
            "LUMEN_RATE_LIMIT_BURST", "10");
    private static final String KEY = JwtRunner.class.getName();

    private static volatile Started started;

    @Override
    public void beforeAll(ExtensionContext context) {
        started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> launch(), Started.class);
    }

    static LumenLocal runner() {
        return started.local();
    }

    static LocalAccess access() {
        return started.access();
    }

    /** {@code Bearer <token>} the runner accepts: {@code sub}, {@code role} and, for creators, {@code creatorId}. */
    static String bearer(String subject, String role, String creatorId) {
        return "Bearer " + token(subject, role, creatorId);
    }

    static String token(String subject, String role, String creatorId) {
        Map<String, String> options = new HashMap<>(Map.of("sub", subject, "role", role));
        if (creatorId != null) {
            options.put("creator", creatorId);
        }
        return DevTokens.mint(access(), options, Instant.now());
    }

    private static Started launch() {
        LocalSettings settings = LocalRunner.isolatedSettings("lumen-jwt-test", ENVIRONMENT);
        return new Started(LocalRunner.startIsolated(settings), settings.access());
    }

    private record Started(LumenLocal local, LocalAccess access) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            local.close();
        }
    }
}
