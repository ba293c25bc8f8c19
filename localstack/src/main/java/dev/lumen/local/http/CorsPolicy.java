package dev.lumen.local.http;

import dev.lumen.local.template.Intrinsics;
import dev.lumen.local.template.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's {@code CorsConfiguration}, applied the way API Gateway applies it: it answers
 * preflight {@code OPTIONS} requests itself (204, functions never see them) and adds
 * {@code access-control-allow-origin} to responses for allowed origins. Without it a web app served
 * from another local port could not call the runner.
 */
public record CorsPolicy(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, int maxAgeSeconds,
                         List<String> exposeHeaders) {

    public CorsPolicy {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    public CorsPolicy(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, int maxAgeSeconds) {
        this(allowOrigins, allowMethods, allowHeaders, maxAgeSeconds, List.of());
    }

    /** The policy of the template's HTTP API, if it declares one. */
    public static Optional<CorsPolicy> of(Resource httpApi, Intrinsics intrinsics) {
        if (!(httpApi.properties().get("CorsConfiguration") instanceof Map<?, ?> config)) {
            return Optional.empty();
        }
        Object maxAge = config.get("MaxAge");
        return Optional.of(new CorsPolicy(strings(config.get("AllowOrigins"), intrinsics),
                strings(config.get("AllowMethods"), intrinsics), strings(config.get("AllowHeaders"), intrinsics),
                maxAge == null ? 0 : intrinsics.resolve(maxAge).map(Integer::parseInt).orElse(0),
                strings(config.get("ExposeHeaders"), intrinsics)));
    }

    boolean isPreflight(IncomingRequest request) {
        return "OPTIONS".equals(request.method()) && header(request, "origin").isPresent()
                && header(request, "access-control-request-method").isPresent();
    }

    OutgoingResponse preflight(IncomingRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        allowedOrigin(request).ifPresent(origin -> {
            headers.put("access-control-allow-origin", List.of(origin));
            headers.put("access-control-allow-methods", List.of(String.join(",", allowMethods)));
            if (!allowHeaders.isEmpty()) {
                headers.put("access-control-allow-headers", List.of(String.join(",", allowHeaders)));
            }
            if (maxAgeSeconds > 0) {
                headers.put("access-control-max-age", List.of(String.valueOf(maxAgeSeconds)));
            }
        });
        return new OutgoingResponse(204, headers, new byte[0]);
    }

    OutgoingResponse decorate(IncomingRequest request, OutgoingResponse response) {
        Optional<String> origin = allowedOrigin(request);
        if (origin.isEmpty()) {
            return response;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.put("access-control-allow-origin", List.of(origin.get()));
        // Retry-After on a 429 is useless to a browser app unless it may read it.
        if (!exposeHeaders.isEmpty()) {
            headers.put("access-control-expose-headers", List.of(String.join(",", exposeHeaders)));
        }
        return new OutgoingResponse(response.status(), headers, response.body());
    }

    private Optional<String> allowedOrigin(IncomingRequest request) {
        return header(request, "origin").flatMap(origin -> {
            if (allowOrigins.contains("*")) {
                return Optional.of("*");
            }
            return allowOrigins.contains(origin) ? Optional.of(origin) : Optional.empty();
        });
    }

    private static Optional<String> header(IncomingRequest request, String name) {
        for (var entry : request.headers().entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(name) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(Object value, Intrinsics intrinsics) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                intrinsics.resolve(item).ifPresent(out::add);
            }
        }
        return out;
    }
}
