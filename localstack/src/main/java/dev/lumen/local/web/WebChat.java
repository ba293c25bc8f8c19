package dev.lumen.local.web;

import dev.lumen.local.http.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small chat page to try the API in a browser: {@code GET /} (and {@code /chat}) with its script
 * and style at {@code /chat/chat.js} and {@code /chat/chat.css}, read once from the runner's class
 * path ({@code web/chat/}; never the Lambda jar). The page calls only the public HTTP API, the same
 * routes a client would, so it shows nothing the API does not.
 *
 * <p>The API's own answers forbid a browser from loading anything; the page gets a policy of its
 * own: scripts and styles from this origin only (no inline script or style), fetches to this origin
 * and its WebSocket, nothing framed, no form posting elsewhere.
 */
public final class WebChat implements org.springframework.web.HttpRequestHandler {

    public static final String PAGE_PATH = "/";
    public static final String CHAT_PATH = "/chat";
    private static final String SCRIPT_PATH = CHAT_PATH + "/chat.js";
    private static final String STYLE_PATH = CHAT_PATH + "/chat.css";

    private record Asset(String contentType, byte[] bytes) { }

    private final Map<String, Asset> assets = Map.of(
            PAGE_PATH, load("index.html", "text/html; charset=utf-8"),
            CHAT_PATH, load("index.html", "text/html; charset=utf-8"),
            SCRIPT_PATH, load("chat.js", "text/javascript; charset=utf-8"),
            STYLE_PATH, load("chat.css", "text/css; charset=utf-8"));

    /** The paths this handler answers, for the URL mapping. */
    public static Iterable<String> paths() {
        return java.util.List.of(PAGE_PATH, CHAT_PATH, SCRIPT_PATH, STYLE_PATH);
    }

    /**
     * The page's policy. {@code 'self'} covers same-origin fetches; the WebSocket is named too, as
     * not every browser counts {@code ws:} of the same host as {@code 'self'}.
     */
    static String policy(int port) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' ws://127.0.0.1:" + port + " ws://localhost:" + port + "; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        Asset asset = assets.get(path);
        if (asset == null) {
            write(response, 404, "application/json", ErrorBody.json("route_not_found", "No route for " + request.getMethod() + " " + path),
                    "default-src 'none'; frame-ancestors 'none'");
            return;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("allow", "GET, HEAD");
            write(response, 405, "application/json",
                    ErrorBody.json("method_not_allowed", request.getMethod() + " is not allowed on " + path + "; allowed: GET"),
                    "default-src 'none'; frame-ancestors 'none'");
            return;
        }
        write(response, 200, asset.contentType(), asset.bytes(), policy(request.getLocalPort()));
    }

    private static Asset load(String file, String contentType) {
        try (InputStream in = WebChat.class.getClassLoader().getResourceAsStream("web/chat/" + file)) {
            if (in == null) {
                throw new IllegalStateException("web/chat/" + file + " is not on the class path");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(HttpServletResponse response, int status, String contentType, byte[] body, String csp)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-content-type-options", "nosniff");
        headers.put("x-frame-options", "DENY");
        headers.put("referrer-policy", "no-referrer");
        headers.put("cache-control", "no-cache");
        headers.put("content-security-policy", csp);
        response.setStatus(status);
        response.setContentType(contentType);
        headers.forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
