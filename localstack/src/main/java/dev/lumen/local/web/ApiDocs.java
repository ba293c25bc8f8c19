package dev.lumen.local.web;

import dev.lumen.local.http.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.web.HttpRequestHandler;

/**
 * The API description for people and tools: {@code GET /openapi.yaml} (the project's
 * {@code openapi.yaml}, read from disk on every request so an edit shows without a rebuild) and
 * {@code GET /docs}, Swagger UI rendering it. Swagger UI's files come from the
 * {@code org.webjars:swagger-ui} jar on the runner's class path (never the Lambda jar), under a
 * versioned path, so the page works with no network and no CDN.
 *
 * <p>The HTTP API's own answers forbid a browser from loading anything ({@code default-src
 * 'none'}); this page needs its scripts, styles and a fetch of the document, so it gets a policy
 * of its own that allows exactly those from this origin, and nothing from elsewhere.
 */
public final class ApiDocs implements HttpRequestHandler {

    public static final String DOCUMENT_PATH = "/openapi.yaml";
    public static final String DOCS_PATH = "/docs";
    /** Swagger UI's files: {@code /docs/swagger-ui/<version>/<file>}. */
    public static final String ASSETS_PATH = DOCS_PATH + "/swagger-ui/";
    static final String INIT_PATH = DOCS_PATH + "/init.js";

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    /** The files the page uses; nothing else of the jar is served. */
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    /** Scripts, styles, images and fetches from this origin only; inline styles because Swagger UI sets style attributes. */
    static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final Path document;
    private final String version;

    /** @param document the OpenAPI document on disk (normally {@code openapi.yaml} beside {@code template.yaml}) */
    public ApiDocs(Path document) {
        this.document = document;
        this.version = bundledVersion();
    }

    /** The Swagger UI version bundled, as in its webjar's {@code pom.properties}. */
    public String swaggerUiVersion() {
        return version;
    }

    private static String bundledVersion() {
        try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            error(response, 405, "method_not_allowed", request.getMethod() + " is not allowed on " + path + "; allowed: GET");
            response.setHeader("allow", "GET, HEAD");
            return;
        }
        if (path.equals(DOCUMENT_PATH)) {
            byte[] yaml;
            try {
                yaml = Files.readAllBytes(document);
            } catch (NoSuchFileException e) {
                error(response, 404, "document_not_found", "no OpenAPI document at " + document);
                return;
            }
            // Fetched by Swagger UI and tools from any origin, like the API it describes.
            write(response, 200, "application/yaml; charset=utf-8", yaml, Map.of(
                    "cache-control", "no-cache", "access-control-allow-origin", "*",
                    "content-security-policy", "default-src 'none'; frame-ancestors 'none'"));
        } else if (path.equals(DOCS_PATH) || path.equals(DOCS_PATH + "/")) {
            write(response, 200, "text/html; charset=utf-8", page().getBytes(StandardCharsets.UTF_8),
                    Map.of("cache-control", "no-cache", "content-security-policy", DOCS_CSP));
        } else if (path.equals(INIT_PATH)) {
            write(response, 200, "text/javascript; charset=utf-8", init().getBytes(StandardCharsets.UTF_8),
                    Map.of("cache-control", "no-cache", "content-security-policy", DOCS_CSP));
        } else if (path.startsWith(ASSETS_PATH + version + "/")
                && ASSET_TYPES.containsKey(path.substring((ASSETS_PATH + version + "/").length()))) {
            String file = path.substring((ASSETS_PATH + version + "/").length());
            byte[] bytes;
            try (InputStream in = resource(WEBJAR + version + "/" + file)) {
                if (in == null) {
                    error(response, 404, "asset_not_found", "no Swagger UI file " + file);
                    return;
                }
                bytes = in.readAllBytes();
            }
            // Versioned path: the bytes never change under it.
            write(response, 200, ASSET_TYPES.get(file), bytes, Map.of(
                    "cache-control", "public, max-age=31536000, immutable", "content-security-policy", DOCS_CSP));
        } else {
            error(response, 404, "route_not_found", "No route for " + request.getMethod() + " " + path);
        }
    }

    /** The page: Swagger UI's own index, pointed at the bundled files and at {@link #DOCUMENT_PATH}. */
    String page() {
        String assets = ASSETS_PATH + version + "/";
        return """
                <!DOCTYPE html>
                <html lang="en">
                  <head>
                    <meta charset="UTF-8">
                    <title>Lumen HTTP API</title>
                    <link rel="stylesheet" type="text/css" href="%1$sswagger-ui.css">
                    <link rel="stylesheet" type="text/css" href="%1$sindex.css">
                    <link rel="icon" type="image/png" href="%1$sfavicon-32x32.png" sizes="32x32">
                  </head>
                  <body>
                    <noscript>The Lumen API reference needs JavaScript; the document itself is at <a href="%2$s">%2$s</a>.</noscript>
                    <div id="swagger-ui"></div>
                    <script src="%1$sswagger-ui-bundle.js" charset="UTF-8"></script>
                    <script src="%1$sswagger-ui-standalone-preset.js" charset="UTF-8"></script>
                    <script src="%3$s" charset="UTF-8"></script>
                  </body>
                </html>
                """.formatted(assets, DOCUMENT_PATH, INIT_PATH);
    }

    /** In a file of its own, not inline: the page's policy allows scripts from this origin only. */
    private static String init() {
        return """
                window.onload = function () {
                  window.ui = SwaggerUIBundle({
                    url: "%s",
                    dom_id: "#swagger-ui",
                    deepLinking: true,
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                    layout: "StandaloneLayout",
                    validatorUrl: null
                  });
                };
                """.formatted(DOCUMENT_PATH);
    }

    private static InputStream resource(String name) {
        return ApiDocs.class.getClassLoader().getResourceAsStream(name);
    }

    private static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        write(response, status, "application/json", ErrorBody.json(code, message),
                Map.of("cache-control", "no-store", "content-security-policy", "default-src 'none'; frame-ancestors 'none'"));
    }

    private static void write(HttpServletResponse response, int status, String contentType, byte[] body,
                              Map<String, String> extra) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-content-type-options", "nosniff");
        headers.put("x-frame-options", "DENY");
        headers.put("referrer-policy", "no-referrer");
        headers.putAll(extra);
        response.setStatus(status);
        response.setContentType(contentType);
        headers.forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
