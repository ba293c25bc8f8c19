package dev.lumen.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lumen.domain.error.BudgetExceededException;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.DomainException;
import dev.lumen.domain.error.ForbiddenException;
import dev.lumen.domain.error.RateLimitedException;
import dev.lumen.domain.error.UnauthenticatedException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.PayloadTooLargeException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.error.UnprocessableContentException;
import dev.lumen.domain.error.ValidationException;
import java.util.Map;
import java.util.function.Supplier;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.observability.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one API request: calls the handler's work, writes the JSON response, and maps domain
 * errors to HTTP statuses in this one place. Error bodies are {@code {error:{code, message}}};
 * they never carry stack traces or messages of unexpected exceptions.
 */
public final class ApiExchange {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExchange.class);
    /**
     * On every response: JSON only, never cached (answers are per user), never sniffed, framed or
     * given a referrer, HTTPS only. {@code default-src 'none'}: a JSON API never needs a browser
     * to load anything from its answers.
     */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "x-content-type-options", "nosniff",
            "cache-control", "no-store",
            "strict-transport-security", "max-age=63072000; includeSubDomains",
            "x-frame-options", "DENY",
            "referrer-policy", "no-referrer",
            "content-security-policy", "default-src 'none'; frame-ancestors 'none'");
    static final Map<String, String> HEADERS = withContentType(SECURITY_HEADERS);

    private static Map<String, String> withContentType(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("content-type", "application/json");
        return Map.copyOf(all);
    }

    /** The largest body a JSON route takes (64 KiB); routes with bigger payloads pass their own limit. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /** {@code {"error":{"code":…,"message":…}}}, the one error shape of the API. */
    record ErrorBody(Detail error) {
        record Detail(String code, String message) {
        }
    }

    private ApiExchange() {
    }

    public static APIGatewayV2HTTPResponse run(APIGatewayV2HTTPEvent event, Context context, Supplier<ApiResult> work) {
        return run(event, context, DEFAULT_MAX_BODY_BYTES, work);
    }

    /**
     * As {@link #run(APIGatewayV2HTTPEvent, Context, Supplier)} for a route whose bodies may be up
     * to {@code maxBodyBytes}; a bigger one is a 413 before anything reads it.
     */
    public static APIGatewayV2HTTPResponse run(APIGatewayV2HTTPEvent event, Context context, int maxBodyBytes,
                                               Supplier<ApiResult> work) {
        long started = System.nanoTime();
        String route = event.getRouteKey();
        try (Invocation ignored = Invocation.begin(context)) {
            describe(event, route);
            APIGatewayV2HTTPResponse response = respondTo(event, maxBodyBytes, work, route);
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            // Route and request id in the text as well: they are context (MDC) fields, which the JSON
            // lines carry but the local runner's console pattern does not print.
            LOG.atInfo().addKeyValue("status", response.getStatusCode()).addKeyValue("latencyMs", latencyMs)
                    .log("request route={} requestId={}", route, Invocation.get(Invocation.REQUEST_ID));
            Metrics.standard().request(route, response.getStatusCode(), latencyMs);
            return response;
        }
    }

    /**
     * The context of this request's log lines: route, API Gateway's request id, and who calls (the
     * token's subject and the creator, our tenant, it speaks for), as the authorizer passed them.
     */
    private static void describe(APIGatewayV2HTTPEvent event, String route) {
        Invocation.put(Invocation.ROUTE, route);
        if (event.getRequestContext() != null) {
            Invocation.put(Invocation.API_REQUEST_ID, event.getRequestContext().getRequestId());
        }
        Map<String, String> claims = Access.claims(event);
        if (claims != null) {
            Invocation.put(Invocation.USER_ID, claims.get("sub"));
            Invocation.put(Invocation.TENANT, claims.get("custom:creatorId"));
        }
    }

    private static APIGatewayV2HTTPResponse respondTo(APIGatewayV2HTTPEvent event, int maxBodyBytes,
                                                      Supplier<ApiResult> work, String route) {
        String requestId = Invocation.get(Invocation.REQUEST_ID);
        APIGatewayV2HTTPResponse response;
        try {
            requireBodyWithin(event, maxBodyBytes);
            ApiResult result = work.get();
            response = respond(result.status(), result.body());
        } catch (DomainException e) {
            int status = statusOf(e);
            if (status >= 500) {
                LOG.warn("request failed route={} requestId={} status={} code={}", route, requestId, status, e.code(), e);
            }
            response = error(status, e.code(), e.getMessage());
            if (e instanceof RateLimitedException limited) {
                response.getHeaders().put("retry-after", Long.toString(limited.retryAfterSeconds()));
            }
            if (e instanceof BudgetExceededException budget) {
                // Whole seconds, rounded up: a client that waits exactly this long finds the budget reset.
                response.getHeaders().put("retry-after", Long.toString(Math.max(1,
                        (budget.retryAfter().toMillis() + 999) / 1000)));
            }
        } catch (RuntimeException e) {
            LOG.error("request failed route={} requestId={} status=500", route, requestId, e);
            response = error(500, "internal_error", "the request could not be processed");
        }
        return response;
    }

    /** A required path parameter, validated as an id. */
    public static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> params = event.getPathParameters();
        return dev.lumen.domain.Ids.require(name, params == null ? null : params.get(name));
    }

    /** A request header by its lower-case name (HTTP API delivers them lower-cased); null when absent. */
    public static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        return headers == null ? null : headers.get(name);
    }

    /** The raw body as bytes: API Gateway base64-encodes bodies it considers binary. */
    public static byte[] bodyBytes(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? java.util.Base64.getDecoder().decode(body)
                : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An optional query string parameter; null when absent. */
    public static String queryParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return params == null ? null : params.get(name);
    }

    /** An optional whole-number query parameter within [min, max]. */
    public static int intQueryParameter(APIGatewayV2HTTPEvent event, String name, int fallback, int min, int max) {
        String value = queryParameter(event, name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ValidationException("invalid_" + name, "'" + name + "' must be a whole number from " + min + " to " + max);
    }

    /** Each domain error's HTTP status; anything else the domain throws is a 500. */
    private static final Map<Class<? extends DomainException>, Integer> STATUSES = Map.ofEntries(
            Map.entry(ValidationException.class, 400),
            Map.entry(UnauthenticatedException.class, 401),
            Map.entry(ForbiddenException.class, 403),
            Map.entry(RateLimitedException.class, 429),
            Map.entry(BudgetExceededException.class, 429),
            Map.entry(NotFoundException.class, 404),
            Map.entry(ConflictException.class, 409),
            Map.entry(UnprocessableContentException.class, 422),
            Map.entry(PayloadTooLargeException.class, 413),
            Map.entry(UnavailableException.class, 503));

    public static int statusOf(DomainException e) {
        for (Map.Entry<Class<? extends DomainException>, Integer> status : STATUSES.entrySet()) {
            if (status.getKey().isInstance(e)) {
                return status.getValue();
            }
        }
        return 500;
    }

    /**
     * 413 for a body over {@code maxBytes}, judged from its size alone: nothing parses it. Base64
     * bodies count decoded; text counts in UTF-8 bytes, which only needs encoding near the limit.
     */
    static void requireBodyWithin(APIGatewayV2HTTPEvent event, int maxBytes) {
        String body = event.getBody();
        if (body == null) {
            return;
        }
        long bytes;
        if (event.getIsBase64Encoded()) {
            bytes = (long) body.length() / 4 * 3;
        } else if (body.length() > maxBytes || (long) body.length() * 3 <= maxBytes) {
            bytes = body.length();
        } else {
            bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (bytes > maxBytes) {
            throw new dev.lumen.domain.error.PayloadTooLargeException("body_too_large",
                    "the request body is larger than this route accepts (" + maxBytes / 1024 + " KiB)");
        }
    }

    private static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return respond(status, new ErrorBody(new ErrorBody.Detail(code, message)));
    }

    private static APIGatewayV2HTTPResponse respond(int status, Object body) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            LOG.error("response could not be written status={}", status, e);
            status = 500;
            json = "{\"error\":{\"code\":\"internal_error\",\"message\":\"the response could not be written\"}}";
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(new java.util.HashMap<>(HEADERS))
                .withBody(json)
                .withIsBase64Encoded(false)
                .build();
    }
}
