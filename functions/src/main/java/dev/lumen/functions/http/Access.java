package dev.lumen.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lumen.domain.access.RateLimiter;
import dev.lumen.domain.error.RateLimitedException;
import dev.lumen.domain.error.UnauthenticatedException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The caller of an API request, from the JWT claims API Gateway put in the event
 * ({@code requestContext.authorizer.jwt.claims}), and the per-caller rate limit.
 *
 * <p>API Gateway's JWT authorizer has already checked the token's signature, issuer, audience and
 * expiry before the function runs (locally the runner does it), so nothing here verifies a
 * signature. What is checked is that the claims are there: a request that reached a function
 * without them (a route left without the authorizer, a hand-made event) is a 401, never an
 * anonymous success.
 *
 * <p>Claims: {@code sub} is the user id; the role is {@code custom:role} ({@code user},
 * {@code creator}, {@code admin}) or, for Cognito groups, {@code cognito:groups} containing
 * {@code admin} or {@code creator}; {@code custom:creatorId} names the creator a creator speaks for.
 */
public final class Access {
    static final String SUBJECT = "sub";
    static final String ROLE = "custom:role";
    static final String CREATOR_ID = "custom:creatorId";
    static final String GROUPS = "cognito:groups";

    private static volatile RateLimiter rateLimiter = RateLimiter.UNLIMITED;

    private Access() {
    }

    /**
     * The authenticated caller of {@code event}, after taking one token from their rate-limit bucket.
     *
     * @throws UnauthenticatedException without claims or a subject (401)
     * @throws RateLimitedException      when the caller's bucket is empty (429)
     */
    public static Caller caller(APIGatewayV2HTTPEvent event) {
        return admit(fromClaims(claims(event)));
    }

    /**
     * Takes one token from the caller's rate-limit bucket: for requests whose claims come another way
     * (a WebSocket message carries its connection's authorizer context).
     *
     * @throws RateLimitedException when the caller's bucket is empty (429)
     */
    public static Caller admit(Caller caller) {
        RateLimiter.Decision decision = rateLimiter.tryTake(caller.userId());
        if (!decision.allowed()) {
            long seconds = (decision.retryAfter().toMillis() + 999) / 1000;
            throw new RateLimitedException(seconds);
        }
        return caller;
    }

    /** The caller the claims describe, without touching the rate limit. */
    public static Caller fromClaims(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            throw new UnauthenticatedException("sign in: the request carries no verified token");
        }
        String subject = claims.get(SUBJECT);
        if (subject == null || subject.isBlank()) {
            throw new UnauthenticatedException("the token names no subject");
        }
        String creatorId = claims.get(CREATOR_ID);
        return new Caller(subject.strip(), role(claims), creatorId == null || creatorId.isBlank() ? null : creatorId.strip());
    }

    /**
     * Sets the limiter every request goes through; {@link dev.lumen.functions.config.Components}
     * installs the configured one once per container. {@link RateLimiter#UNLIMITED} turns it off.
     */
    public static void useRateLimiter(RateLimiter limiter) {
        rateLimiter = limiter == null ? RateLimiter.UNLIMITED : limiter;
    }

    static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return null;
        }
        return context.getAuthorizer().getJwt().getClaims();
    }

    /** The strongest role the claims give; a plain user when they give none. */
    private static Caller.Role role(Map<String, String> claims) {
        Set<String> roles = new java.util.HashSet<>();
        String role = claims.get(ROLE);
        if (role != null) {
            roles.add(role.strip().toLowerCase(Locale.ROOT));
        }
        String groups = claims.get(GROUPS);
        if (groups != null) {
            // API Gateway flattens the JSON array into "[admin creator]".
            for (String group : groups.replace("[", " ").replace("]", " ").replace(",", " ").replace("\"", " ").split("\\s+")) {
                if (!group.isBlank()) {
                    roles.add(group.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (roles.contains("admin")) {
            return Caller.Role.ADMIN;
        }
        return roles.contains("creator") ? Caller.Role.CREATOR : Caller.Role.USER;
    }
}
