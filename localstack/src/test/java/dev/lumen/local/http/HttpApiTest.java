package dev.lumen.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.local.lambda.LocalFunction;
import dev.lumen.local.lambda.LocalFunctions;
import dev.lumen.local.template.HttpRoute;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The HTTP API emulation without a web server: requests in, API Gateway v2 events to handlers, responses out. */
class HttpApiTest {

    private final AtomicReference<APIGatewayV2HTTPEvent> received = new AtomicReference<>();
    private final AtomicReference<String> remainingTimeSeen = new AtomicReference<>();

    private final HttpApi api = new HttpApi(
            new RouteTable(List.of(
                    new HttpRoute("PUT", "/api/personas/{personaId}/traits/{traitId}", "Recorder"),
                    new HttpRoute("POST", "/api/upload", "Recorder"),
                    new HttpRoute("GET", "/api/image", "Image"),
                    new HttpRoute("GET", "/api/boom", "Boom"),
                    new HttpRoute("GET", "/api/nostatus", "NoStatus"))),
            LocalFunctions.of(List.of(
                    LocalFunction.of("Recorder", recorder(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class),
                    LocalFunction.of("Image", (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) (event, context) ->
                            APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                                    .withHeaders(Map.of("content-type", "image/png"))
                                    .withCookies(List.of("a=1", "b=2"))
                                    .withBody(Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                                    .withIsBase64Encoded(true).build(),
                            APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class),
                    LocalFunction.of("Boom", (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) (event, context) -> {
                        throw new IllegalStateException("secret table name lumen-prod");
                    }, APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class),
                    LocalFunction.of("NoStatus", (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) (event, context) ->
                            new APIGatewayV2HTTPResponse(), APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class))));

    private RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> recorder() {
        return (event, context) -> {
            received.set(event);
            remainingTimeSeen.set(context.getFunctionName() + ":" + (context.getRemainingTimeInMillis() > 0));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(202)
                    .withHeaders(Map.of("content-type", "application/json", "x-trace", "t1"))
                    .withBody("{\"ok\":true}").build();
        };
    }

    @Test
    void a_request_becomes_a_payload_2_0_event_as_api_gateway_sends_it() {
        // GIVEN
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Multi", List.of("one", "two"));
        headers.put("Cookie", List.of("session=abc; theme=dark"));
        headers.put("User-Agent", List.of("test-agent"));
        headers.put("Host", List.of("127.0.0.1:3000"));
        IncomingRequest request = new IncomingRequest("PUT", "/api/personas/ada%20l/traits/warmth",
                "x=1&x=2&q=a%20b&flag", headers, "{\"action\":\"set\"}".getBytes(StandardCharsets.UTF_8),
                "127.0.0.1", "HTTP/1.1");

        // WHEN
        OutgoingResponse response = api.handle(request);

        // THEN
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers()).containsEntry("x-trace", List.of("t1"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        APIGatewayV2HTTPEvent event = received.get();
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("PUT /api/personas/{personaId}/traits/{traitId}");
        assertThat(event.getRawPath()).isEqualTo("/api/personas/ada%20l/traits/warmth");
        assertThat(event.getRawQueryString()).isEqualTo("x=1&x=2&q=a%20b&flag");
        assertThat(event.getQueryStringParameters()).containsExactly(
                Map.entry("x", "1,2"), Map.entry("q", "a b"), Map.entry("flag", ""));
        assertThat(event.getPathParameters()).containsExactly(Map.entry("personaId", "ada l"), Map.entry("traitId", "warmth"));
        assertThat(event.getHeaders())
                .containsEntry("content-type", "application/json")
                .containsEntry("x-multi", "one,two")
                .containsEntry("x-forwarded-port", "3000")
                .doesNotContainKey("cookie")
                .doesNotContainKey("Content-Type");
        assertThat(event.getCookies()).containsExactly("session=abc", "theme=dark");
        assertThat(event.getBody()).isEqualTo("{\"action\":\"set\"}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getRouteKey()).isEqualTo(event.getRouteKey());
        assertThat(context.getRequestId()).isNotBlank();
        assertThat(context.getTimeEpoch()).isPositive();
        assertThat(context.getTime()).matches("\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.getDomainName()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getMethod()).isEqualTo("PUT");
        assertThat(context.getHttp().getPath()).isEqualTo("/api/personas/ada%20l/traits/warmth");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("test-agent");
        assertThat(remainingTimeSeen.get()).isEqualTo("Recorder:true");
    }

    @Test
    void a_binary_body_arrives_base64_encoded_and_an_empty_one_as_null() {
        // GIVEN
        byte[] binary = {(byte) 0xff, 0x00, (byte) 0xfe};

        // WHEN
        api.handle(new IncomingRequest("POST", "/api/upload", null,
                Map.of("content-type", List.of("application/octet-stream")), binary, "127.0.0.1", "HTTP/1.1"));
        APIGatewayV2HTTPEvent withBinary = received.get();
        api.handle(new IncomingRequest("POST", "/api/upload", null, Map.of(), new byte[0], "127.0.0.1", "HTTP/1.1"));
        APIGatewayV2HTTPEvent withNothing = received.get();

        // THEN
        assertThat(withBinary.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(withBinary.getBody())).isEqualTo(binary);
        assertThat(withBinary.getRawQueryString()).isEmpty();
        assertThat(withBinary.getQueryStringParameters()).isNull();
        assertThat(withNothing.getBody()).isNull();
        assertThat(withNothing.getIsBase64Encoded()).isFalse();
    }

    @Test
    void a_base64_response_is_decoded_and_its_cookies_become_set_cookie_headers() {
        // WHEN
        OutgoingResponse response = api.handle(get("/api/image"));

        // THEN
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(response.headers()).containsEntry("content-type", List.of("image/png"))
                .containsEntry("set-cookie", List.of("a=1", "b=2"));
    }

    @Test
    void unknown_routes_and_wrong_methods_get_json_errors() {
        // WHEN
        OutgoingResponse notFound = api.handle(get("/api/nothing"));
        OutgoingResponse notAllowed = api.handle(get("/api/upload"));

        // THEN
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(body(notFound)).startsWith("{\"error\":{\"code\":\"route_not_found\",\"message\":\"No route for GET /api/nothing\"");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(body(notAllowed)).contains("\"code\":\"method_not_allowed\"");
        assertThat(notAllowed.headers()).containsEntry("allow", List.of("POST"));
    }

    @Test
    void a_failing_handler_or_an_invalid_response_is_a_500_that_reveals_nothing() {
        // WHEN
        OutgoingResponse thrown = api.handle(get("/api/boom"));
        OutgoingResponse noStatus = api.handle(get("/api/nostatus"));

        // THEN
        assertThat(thrown.status()).isEqualTo(500);
        assertThat(body(thrown)).isEqualTo("{\"error\":{\"code\":\"internal_error\",\"message\":\"Internal server error\"}}");
        assertThat(noStatus.status()).isEqualTo(500);
        assertThat(body(noStatus)).doesNotContain("lumen-prod");
    }

    private static IncomingRequest get(String path) {
        return new IncomingRequest("GET", path, null, Map.of(), new byte[0], "127.0.0.1", "HTTP/1.1");
    }

    private static String body(OutgoingResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
