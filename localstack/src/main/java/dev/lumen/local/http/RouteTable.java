package dev.lumen.local.http;

import dev.lumen.local.template.HttpRoute;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Matches a request against the HTTP API's routes the way API Gateway does: literal segments beat
 * {@code {variables}}, which beat a greedy {@code {proxy+}}; a route for the exact method beats
 * {@code ANY}; {@code $default} catches what nothing else does.
 */
public final class RouteTable {

    /** The outcome of a lookup. */
    public sealed interface Lookup permits Found, MethodNotAllowed, NotFound {
    }

    /**
     * @param route          the matched route
     * @param pathParameters decoded values of its {@code {variables}}, in path order
     */
    public record Found(HttpRoute route, Map<String, String> pathParameters) implements Lookup {
    }

    /** The path is routed, but not for this method. */
    public record MethodNotAllowed(List<String> allowedMethods) implements Lookup {
    }

    /** No route has this path. */
    public record NotFound() implements Lookup {
    }

    private final List<CompiledRoute> routes;

    public RouteTable(List<HttpRoute> routes) {
        List<CompiledRoute> compiled = new ArrayList<>();
        for (HttpRoute route : routes) {
            compiled.add(CompiledRoute.of(route));
        }
        compiled.sort(Comparator.naturalOrder());
        this.routes = List.copyOf(compiled);
    }

    /** Finds the route for a method and a raw (still percent-encoded) path such as {@code /api/personas/a%20b}. */
    public Lookup find(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        TreeSet<String> allowed = new TreeSet<>();
        for (CompiledRoute route : routes) {
            Map<String, String> parameters = route.match(segments);
            if (parameters == null) {
                continue;
            }
            if (route.accepts(method)) {
                return new Found(route.route(), parameters);
            }
            allowed.add(route.route().method());
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(List.copyOf(allowed));
    }

    public List<HttpRoute> routes() {
        return routes.stream().map(CompiledRoute::route).toList();
    }

    private static List<String> segments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(percentDecode(segment));
        }
        return segments;
    }

    /** Decodes %XX escapes only: in a path, unlike a form, '+' is a plus sign. */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private record CompiledRoute(HttpRoute route, List<String> pattern, int rank) implements Comparable<CompiledRoute> {

        static CompiledRoute of(HttpRoute route) {
            if (route.path().equals(HttpRoute.DEFAULT_ROUTE)) {
                return new CompiledRoute(route, List.of(), Integer.MAX_VALUE);
            }
            List<String> pattern = List.of(route.path().substring(1).split("/", -1));
            for (int i = 0; i < pattern.size(); i++) {
                if (isGreedy(pattern.get(i)) && i != pattern.size() - 1) {
                    throw new IllegalArgumentException("greedy variable must be last in " + route.path());
                }
            }
            return new CompiledRoute(route, pattern, rank(pattern));
        }

        /** Lower sorts first: fewer variables, then no greedy tail, then longer paths. */
        private static int rank(List<String> pattern) {
            int variables = 0;
            boolean greedy = false;
            for (String part : pattern) {
                if (isVariable(part)) {
                    variables++;
                    greedy |= isGreedy(part);
                }
            }
            return (greedy ? 1_000_000 : 0) + variables * 1_000 - pattern.size();
        }

        boolean accepts(String method) {
            return route.method().equals(HttpRoute.ANY) || route.method().equalsIgnoreCase(method);
        }

        /** Path parameters when the segments match, else null. */
        Map<String, String> match(List<String> segments) {
            if (route.path().equals(HttpRoute.DEFAULT_ROUTE)) {
                return Map.of();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < pattern.size(); i++) {
                String part = pattern.get(i);
                if (isGreedy(part)) {
                    if (i >= segments.size() || segments.get(i).isEmpty()) {
                        return null;
                    }
                    parameters.put(variableName(part), String.join("/", segments.subList(i, segments.size())));
                    return parameters;
                }
                if (i >= segments.size()) {
                    return null;
                }
                String segment = segments.get(i);
                if (isVariable(part)) {
                    if (segment.isEmpty()) {
                        return null;
                    }
                    parameters.put(variableName(part), segment);
                } else if (!part.equals(segment)) {
                    return null;
                }
            }
            return segments.size() == pattern.size() ? parameters : null;
        }

        @Override
        public int compareTo(CompiledRoute other) {
            int byRank = Integer.compare(rank, other.rank);
            if (byRank != 0) {
                return byRank;
            }
            // The same path for a named method and for ANY: the named method wins.
            boolean anyHere = route.method().equals(HttpRoute.ANY);
            boolean anyThere = other.route.method().equals(HttpRoute.ANY);
            return Boolean.compare(anyHere, anyThere);
        }

        private static boolean isVariable(String part) {
            return part.startsWith("{") && part.endsWith("}");
        }

        private static boolean isGreedy(String part) {
            return part.startsWith("{") && part.endsWith("+}");
        }

        private static String variableName(String part) {
            String name = part.substring(1, part.length() - 1);
            return name.endsWith("+") ? name.substring(0, name.length() - 1) : name;
        }
    }
}
