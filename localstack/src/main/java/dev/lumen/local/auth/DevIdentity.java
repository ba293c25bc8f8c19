package dev.lumen.local.auth;

import dev.lumen.local.http.Authenticator;
import java.util.Map;

/**
 * {@code LUMEN_AUTH=off}: every request, token or not, reaches its function as the dev user with
 * role admin, so handlers (which refuse requests without claims) always see a caller.
 */
final class DevIdentity implements Authenticator {
    private final Authenticated outcome;

    DevIdentity(String devUser) {
        this.outcome = new Authenticated(Map.of(
                "sub", devUser,
                "iss", LocalAccess.DEFAULT_ISSUER,
                "custom:role", "admin",
                "custom:creatorId", "dev-creator",
                "cognito:groups", "[admin]"));
    }

    @Override
    public Outcome authenticate(String authorization) {
        return outcome;
    }
}
