package dev.lumen.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.local.lambda.LocalFunction;
import dev.lumen.local.lambda.LocalFunctions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for API Gateway's HTTP API: routes a request as the template declares,
 * invokes the function with a payload-format-2.0 event and turns its response back into HTTP.
 * Errors the runner answers itself use the API's JSON error shape and never carry a stack trace.
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final Map<String, List<String>> JSON_CONTENT = Map.of("content-type", List.of("application/json"));
    /** What the functions send on every response; the runner's own answers carry them too. */
    static final Map<String, List<String>> SECURITY_HEADERS = ApiExchange.SECURITY_HEADERS.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    /**
     * The largest body any route takes: a document upload (10 MiB) plus its JSON envelope. API
     * Gateway's own ceiling is 10 MB; the functions enforce each route's smaller limit.
     */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024 + 64 * 1024;

    private final RouteTable routes;
    private final LocalFunctions functions;
    private final Optional<CorsPolicy> cors;
    private final Authenticator authenticator;
    private final java.util.Set<String> openRouteKeys;

    public HttpApi(RouteTable routes, LocalFunctions functions) {
        this(routes, functions, Optional.empty());
    }

    public HttpApi(RouteTable routes, LocalFunctions functions, Optional<CorsPolicy> cors) {
        this(routes, functions, cors, Authenticator.NONE, java.util.Set.of());
    }

    /**
     * @param authenticator  the JWT authorizer's stand-in, consulted for every route but the open ones
     * @param openRouteKeys  routes whose template event says {@code Auth: {Authorizer: NONE}}
     */
    public HttpApi(RouteTable routes, LocalFunctions functions, Optional<CorsPolicy> cors, Authenticator authenticator,
                   java.util.Set<String> openRouteKeys) {
        this.routes = routes;
        this.functions = functions;
        this.cors = cors;
        this.authenticator = authenticator;
        this.openRouteKeys = java.util.Set.copyOf(openRouteKeys);
    }

    /** 413 for a body the runner will not read; answered before any function runs. */
    public static OutgoingResponse tooLarge() {
        return error(413, "body_too_large", "the request body is larger than any route accepts ("
                + MAX_BODY_BYTES / 1024 + " KiB)", Map.of("connection", List.of("close")));
    }

    public RouteTable routes() {
        return routes;
    }

    public OutgoingResponse handle(IncomingRequest request) {
        if (cors.isPresent() && cors.get().isPreflight(request)) {
            return cors.get().preflight(request);
        }
        OutgoingResponse response = route(request);
        return cors.map(policy -> policy.decorate(request, response)).orElse(response);
    }

    private OutgoingResponse route(IncomingRequest request) {
        RouteTable.Lookup lookup = routes.find(request.method(), request.rawPath());
        if (lookup instanceof RouteTable.NotFound) {
            return error(404, "route_not_found", "No route for " + request.method() + " " + request.rawPath(), Map.of());
        }
        if (lookup instanceof RouteTable.MethodNotAllowed notAllowed) {
            return error(405, "method_not_allowed",
                    request.method() + " is not allowed on " + request.rawPath() + "; allowed: "
                            + String.join(", ", notAllowed.allowedMethods()),
                    Map.of("allow", List.of(String.join(", ", notAllowed.allowedMethods()))));
        }
        RouteTable.Found found = (RouteTable.Found) lookup;
        LocalFunction function = functions.find(found.route().functionId()).orElse(null);
        if (function == null) {
            LOG.atError().setMessage("route has no loaded function")
                    .addKeyValue("route", found.route().routeKey()).addKeyValue("function", found.route().functionId()).log();
            return error(500, "internal_error", "Internal server error", Map.of());
        }
        Map<String, String> claims = null;
        if (!openRouteKeys.contains(found.route().routeKey())) {
            Authenticator.Outcome outcome = authenticator.authenticate(firstHeader(request, "authorization"));
            if (outcome instanceof Authenticator.Rejected rejected) {
                return error(401, "unauthenticated", rejected.message(), Map.of("www-authenticate", List.of("Bearer")));
            }
            claims = ((Authenticator.Authenticated) outcome).claims();
        }
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.toEvent(request, found.route().routeKey(), found.pathParameters(), claims);
        String requestId = event.getRequestContext().getRequestId();
        Object result;
        try {
            result = function.invoke(event, requestId);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.atError().setMessage("handler failed")
                    .addKeyValue("function", function.name()).addKeyValue("route", found.route().routeKey())
                    .addKeyValue("requestId", requestId).setCause(e).log();
            return error(500, "internal_error", "Internal server error", Map.of());
        }
        return toHttp(result, function, requestId);
    }

    private OutgoingResponse toHttp(Object result, LocalFunction function, String requestId) {
        if (!(result instanceof APIGatewayV2HTTPResponse response)) {
            // API Gateway's rule for a payload that is not a response object: 200 with the JSON as body.
            if (result == null) {
                return invalidResponse(function, requestId, "handler returned null");
            }
            return new OutgoingResponse(200, JSON_CONTENT,
                    function.resultJson(result).getBytes(StandardCharsets.UTF_8));
        }
        int status = response.getStatusCode();
        if (status < 100 || status > 599) {
            return invalidResponse(function, requestId, "statusCode " + status);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) ->
                    headers.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.put("set-cookie", List.copyOf(response.getCookies()));
        }
        byte[] body;
        if (response.getBody() == null) {
            body = new byte[0];
        } else if (response.getIsBase64Encoded()) {
            try {
                body = Base64.getDecoder().decode(response.getBody());
            } catch (IllegalArgumentException e) {
                return invalidResponse(function, requestId, "isBase64Encoded but the body is not base64");
            }
        } else {
            body = response.getBody().getBytes(StandardCharsets.UTF_8);
        }
        return new OutgoingResponse(status, headers, body);
    }

    private static OutgoingResponse invalidResponse(LocalFunction function, String requestId, String problem) {
        LOG.atError().setMessage("handler returned an invalid response")
                .addKeyValue("function", function.name()).addKeyValue("requestId", requestId)
                .addKeyValue("problem", problem).log();
        return error(500, "internal_error", "Internal server error", Map.of());
    }

    private static String firstHeader(IncomingRequest request, String name) {
        for (var entry : request.headers().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    private static OutgoingResponse error(int status, String code, String message, Map<String, List<String>> extraHeaders) {
        Map<String, List<String>> headers = new LinkedHashMap<>(JSON_CONTENT);
        headers.putAll(SECURITY_HEADERS);
        headers.putAll(extraHeaders);
        return new OutgoingResponse(status, headers, ErrorBody.json(code, message));
    }
}
