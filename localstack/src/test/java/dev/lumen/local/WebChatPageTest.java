package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.local.EndToEndTest.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chat page's files as the runner serves them, without a browser (WebChatBrowserTest drives
 * it): a strict policy of its own, no inline script or style, nothing from another origin, every
 * form control labelled, and the HTTP API beside it untouched.
 */
@ExtendWith(LocalRunner.class)
class WebChatPageTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void serves_the_page_and_its_files_under_a_strict_policy_of_its_own() {
        for (String path : List.of("/", "/chat")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type").orElse("")).as(path).startsWith("text/html");
            String csp = page.headers().firstValue("content-security-policy").orElse("");
            int port = URI.create(LocalRunner.baseUrl()).getPort();
            assertThat(csp).as(path).contains("default-src 'none'", "script-src 'self';", "style-src 'self';",
                            "connect-src 'self' ws://127.0.0.1:" + port, "frame-ancestors 'none'", "base-uri 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
            assertThat(page.headers().firstValue("x-content-type-options")).contains("nosniff");
            String html = page.body();
            // No inline script, style or handler: the policy would block them.
            assertThat(html).doesNotContain("<script>", "<style", "style=\"", "onclick", "javascript:", "//cdn", "http://", "https://");
            assertThat(html).contains("aria-live=\"polite\"", "role=\"alert\"", "lang=\"en\"");

            // Every control has a label, and every file the page references is served with its type
            Matcher control = Pattern.compile("<(?:input|textarea) id=\"([^\"]+)\"").matcher(html);
            int controls = 0;
            while (control.find()) {
                assertThat(html).as("label for #" + control.group(1)).contains("<label for=\"" + control.group(1) + "\"");
                controls++;
            }
            assertThat(controls).isGreaterThanOrEqualTo(7);
        }
        String html = get("/").body();
        List<String> files = new ArrayList<>();
        Matcher reference = Pattern.compile("(?:src|href)=\"(/chat/[^\"]+)\"").matcher(html);
        while (reference.find()) {
            files.add(reference.group(1));
        }
        assertThat(files).containsExactlyInAnyOrder("/chat/chat.css", "/chat/chat.js");
        HttpResponse<String> script = get("/chat/chat.js");
        assertThat(script.headers().firstValue("content-type").orElse("")).startsWith("text/javascript");
        // It uses the API routes as documented, and never writes HTML from answers.
        assertThat(script.body()).contains("\"/api/chat\"", "\"/api/personas\"", "\"/api/personas?\"", "/traits/", "/memories?",
                        "textContent", "\"/ws\"", "action: \"sendMessage\"", "Bearer ")
                .doesNotContain("innerHTML", "eval(", "document.write");
        assertThat(get("/chat/chat.css").headers().firstValue("content-type").orElse("")).startsWith("text/css");
    }

    @Test
    void only_reads_and_leaves_the_api_and_other_paths_to_the_http_api() {
        Reply posted = call("POST", "/", "{}");
        assertThat(posted.status()).isEqualTo(405);
        assertThat(posted.body().at("/error/code").asText()).isEqualTo("method_not_allowed");
        // Not one of the page's files: the HTTP API answers, in its own shape
        Reply unknown = call("GET", "/chat/secrets.txt", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/error/code").asText()).isNotBlank();
        assertThat(call("GET", "/api/health", null).status()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(LocalRunner.baseUrl() + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
