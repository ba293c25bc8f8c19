package dev.lumen.functions.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The binding as Lambda gets it: a fresh JVM with {@code -Dslf4j.provider} set as in template.yaml's
 * JAVA_TOOL_OPTIONS, slf4j-simple still on the class path. Every stdout line must be a JSON object,
 * the request line must carry its invocation's context, and the context must be gone afterwards.
 */
class JsonLoggingProcessTest {

    @Test
    void theTemplatesProviderSettingMakesEveryLineJsonWithContext() throws Exception {
        // GIVEN
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dslf4j.provider=" + JsonLogProvider.class.getName(),
                "-cp", System.getProperty("java.class.path"), LogSample.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();

        // WHEN
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // THEN
        List<String> lines = stdout.lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode request = mapper.readTree(lines.get(0));
        assertThat(request.path("message").asText()).isEqualTo("request");
        assertThat(request.path("requestId").asText()).isEqualTo("req-42");
        assertThat(request.path("route").asText()).isEqualTo("POST /api/chat");
        assertThat(request.path("status").asInt()).isEqualTo(200);
        assertThat(request.path("latencyMs").asInt()).isEqualTo(7);
        JsonNode after = mapper.readTree(lines.get(1));
        assertThat(after.path("level").asText()).isEqualTo("INFO");
        assertThat(after.has("requestId")).as("context cleared after the invocation").isFalse();
    }
}
