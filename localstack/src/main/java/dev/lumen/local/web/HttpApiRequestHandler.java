package dev.lumen.local.web;

import dev.lumen.local.http.ErrorBody;
import dev.lumen.local.http.HttpApi;
import dev.lumen.local.http.IncomingRequest;
import dev.lumen.local.http.OutgoingResponse;
import dev.lumen.local.http.RouteTable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.HttpRequestHandler;

/**
 * Serves every request no other Spring MVC mapping took: the HTTP API. It is mapped last, after
 * Spring Cloud Function's mapping, so {@code POST /invoke/<known function>} never reaches it;
 * what is left of {@code /invoke/} here names no function (other methods are turned away by
 * {@link InvokeExchangeFilter}).
 */
final class HttpApiRequestHandler implements HttpRequestHandler {

    private final HttpApi api;

    HttpApiRequestHandler(HttpApi api) {
        this.api = api;
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Refused unread: a declared size over every route's limit, or a stream that keeps going past it.
        if (request.getContentLengthLong() > HttpApi.MAX_BODY_BYTES) {
            write(HttpApi.tooLarge(), response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(HttpApi.MAX_BODY_BYTES + 1);
        if (body.length > HttpApi.MAX_BODY_BYTES) {
            write(HttpApi.tooLarge(), response);
            return;
        }
        IncomingRequest incoming = incoming(request, body);
        OutgoingResponse outgoing;
        if (incoming.rawPath().startsWith(LocalWebServer.INVOKE_PATH + "/")
                && api.routes().find(incoming.method(), incoming.rawPath()) instanceof RouteTable.NotFound) {
            outgoing = unknownFunction(incoming);
        } else {
            outgoing = api.handle(incoming);
        }
        write(outgoing, response);
    }

    private static OutgoingResponse unknownFunction(IncomingRequest request) {
        String name = request.rawPath().substring(LocalWebServer.INVOKE_PATH.length() + 1);
        return new OutgoingResponse(404, Map.of("content-type", List.of("application/json")),
                ErrorBody.json("function_not_found",
                        "No function named '" + name + "'; functions are named by their logical id in template.yaml"));
    }

    private static IncomingRequest incoming(HttpServletRequest request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return new IncomingRequest(
                request.getMethod(),
                request.getRequestURI(),
                request.getQueryString(),
                headers,
                body,
                request.getRemoteAddr(),
                request.getProtocol());
    }

    private static void write(OutgoingResponse outgoing, HttpServletResponse response) throws IOException {
        response.setStatus(outgoing.status());
        outgoing.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentLength(outgoing.body().length);
        response.getOutputStream().write(outgoing.body());
    }
}
