package dev.lumen.local.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the payload-format-2.0 event that API Gateway's HTTP API sends to Lambda for a request:
 * header names lower-cased and repeated values joined with commas, cookies moved out of the
 * headers, query parameters decoded and joined the same way, and the body base64-encoded unless
 * it is text.
 */
public final class ApiGatewayEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private ApiGatewayEvents() {
    }

    /** The event for {@code request} matched to {@code routeKey} with the given path parameters. */
    public static APIGatewayV2HTTPEvent toEvent(IncomingRequest request, String routeKey, Map<String, String> pathParameters) {
        return toEvent(request, routeKey, pathParameters, null);
    }

    /**
     * The event as above, with the JWT authorizer's claims in {@code requestContext.authorizer.jwt.claims}
     * as API Gateway puts them there; null claims leave the authorizer out (a route without one).
     */
    public static APIGatewayV2HTTPEvent toEvent(IncomingRequest request, String routeKey, Map<String, String> pathParameters,
                                                Map<String, String> claims) {
        Instant now = Instant.now();
        Map<String, String> headers = headers(request);
        List<String> cookies = cookies(headers.remove("cookie"));
        String host = headers.getOrDefault("host", "127.0.0.1");
        String domainName = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        boolean text = isText(headers.get("content-type"), request.body());
        String body = request.body().length == 0 ? null
                : text ? new String(request.body(), StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(request.body());

        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery() == null ? "" : request.rawQuery())
                .withCookies(cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(request.rawQuery()))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withBody(body)
                .withIsBase64Encoded(body != null && !text)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("000000000000")
                        .withApiId("local")
                        .withDomainName(domainName)
                        .withDomainPrefix(domainName.contains(".") ? domainName.substring(0, domainName.indexOf('.')) : domainName)
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withRequestId(UUID.randomUUID().toString())
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(request.method())
                                .withPath(request.rawPath())
                                .withProtocol(request.protocol())
                                .withSourceIp(request.sourceIp())
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .withAuthorizer(claims == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(new LinkedHashMap<>(claims))
                                        .build())
                                .build())
                        .build())
                .build();
    }

    private static Map<String, String> headers(IncomingRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            String joined = String.join(",", values);
            headers.merge(key, joined, (first, second) -> first + "," + second);
        });
        // What API Gateway adds in front of every integration.
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-proto", "http");
        String host = headers.get("host");
        if (host != null && host.contains(":")) {
            headers.putIfAbsent("x-forwarded-port", host.substring(host.indexOf(':') + 1));
        }
        return headers;
    }

    private static List<String> cookies(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<String> cookies = new ArrayList<>();
        for (String cookie : header.split(";")) {
            if (!cookie.isBlank()) {
                cookies.add(cookie.strip());
            }
        }
        return cookies;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (first, second) -> first + "," + second);
        }
        return parameters.isEmpty() ? null : parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /**
     * Text bodies travel as they are; anything else is base64, as API Gateway does. Without a
     * content type the bytes decide: valid UTF-8 counts as text.
     */
    static boolean isText(String contentType, byte[] body) {
        if (contentType == null || contentType.isBlank()) {
            return isUtf8(body);
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters);
        }
        type = type.strip();
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/graphql");
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
