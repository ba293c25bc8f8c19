package dev.lumen.local.template;

/**
 * A route of the HTTP API, from a function's {@code HttpApi} event.
 *
 * @param method     upper case ({@code GET}, {@code POST}, …) or {@code ANY}
 * @param path       path template such as {@code /api/personas/{personaId}}, or {@code $default}
 * @param functionId logical id of the function that serves it
 */
public record HttpRoute(String method, String path, String functionId) {

    public static final String DEFAULT_ROUTE = "$default";
    public static final String ANY = "ANY";

    /** The {@code routeKey} API Gateway puts in the event: {@code "GET /api/health"} or {@code "$default"}. */
    public String routeKey() {
        return path.equals(DEFAULT_ROUTE) ? DEFAULT_ROUTE : method + " " + path;
    }
}
