package dev.lumen.local.auth;

import java.util.Locale;

/** How the local runner treats bearer tokens ({@code LUMEN_AUTH}). */
public enum AuthMode {
    /** Every request acts as the dev user with role admin, token or not (the default, like {@code sam local start-api}). */
    OFF,
    /** Tokens are verified as API Gateway's JWT authorizer verifies them; none or a bad one is a 401. */
    JWT;

    public static AuthMode parse(String value) {
        if (value == null || value.isBlank()) {
            return OFF;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "off", "none", "false" -> OFF;
            case "jwt", "on", "true" -> JWT;
            default -> throw new IllegalArgumentException("LUMEN_AUTH must be 'off' or 'jwt', not '" + value + "'");
        };
    }
}
