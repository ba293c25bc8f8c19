package dev.lumen.local.http;

import java.util.Map;

/**
 * The local stand-in for the HTTP API's JWT authorizer: decides, from a request's
 * {@code Authorization} header, which claims reach the function, or turns the request away with a
 * 401 before any function runs, as API Gateway does.
 */
public interface Authenticator {

    /** Passes nothing on: events carry no authorizer, as behind a route without one. */
    Authenticator NONE = authorization -> new Authenticated(null);

    /** @param authorization the request's {@code Authorization} header; null when absent */
    Outcome authenticate(String authorization);

    /** What the authorizer decided. */
    sealed interface Outcome permits Authenticated, Rejected {
    }

    /** Let through, with these claims (API Gateway's string form; null for none) in the event. */
    record Authenticated(Map<String, String> claims) implements Outcome {
    }

    /** Turned away with 401; {@code message} says why, without echoing the token. */
    record Rejected(String message) implements Outcome {
    }
}
