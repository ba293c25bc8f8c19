package dev.lumen.functions.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/** The Lambda log binding: one JSON object per line, with the invocation's context and the call's key-values. */
class JsonLogProviderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private JsonLogProvider provider;

    @BeforeEach
    void start() {
        provider = new JsonLogProvider(() -> out);
        provider.initialize();
        provider.getMDCAdapter().put(Invocation.REQUEST_ID, "req-1");
        provider.getMDCAdapter().put(Invocation.FUNCTION, "lumen-ChatFunction");
        provider.getMDCAdapter().put(Invocation.TENANT, "creator-1");
        provider.getMDCAdapter().put(Invocation.USER_ID, "user-1");
    }

    private JsonNode onlyLine() throws Exception {
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(lines).hasSize(1);
        return MAPPER.readTree(lines[0]);
    }

    @Test
    void aFluentCallIsOneJsonLineWithContextAndKeyValues() throws Exception {
        // WHEN
        Logger log = provider.getLoggerFactory().getLogger("dev.lumen.functions.http.ApiExchange");
        log.atInfo().addKeyValue("status", 200).addKeyValue("latencyMs", 42L).log("request route={}", "POST /api/chat");

        // THEN
        JsonNode line = onlyLine();
        assertThat(Instant.parse(line.path("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("logger").asText()).isEqualTo("dev.lumen.functions.http.ApiExchange");
        assertThat(line.path("message").asText()).isEqualTo("request route=POST /api/chat");
        assertThat(line.path("requestId").asText()).isEqualTo("req-1");
        assertThat(line.path("function").asText()).isEqualTo("lumen-ChatFunction");
        assertThat(line.path("tenant").asText()).isEqualTo("creator-1");
        assertThat(line.path("userId").asText()).isEqualTo("user-1");
        assertThat(line.path("status").isInt()).as("numbers stay numbers").isTrue();
        assertThat(line.path("latencyMs").asLong()).isEqualTo(42);
    }

    @Test
    void anExceptionStaysInItsLineWithTypeMessageAndStack() throws Exception {
        Logger log = provider.getLoggerFactory().getLogger("x");

        log.error("request failed status={}", 500, new IllegalStateException("boom \"quoted\"\nsecond line"));

        JsonNode line = onlyLine();
        assertThat(line.path("message").asText()).isEqualTo("request failed status=500");
        assertThat(line.path("error").path("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.path("error").path("message").asText()).isEqualTo("boom \"quoted\"\nsecond line");
        assertThat(line.path("error").path("stack").asText()).contains("JsonLogProviderTest");
    }

    @Test
    void aKeyValueNamedLikeAReservedFieldDoesNotRepeatTheKey() throws Exception {
        Logger log = provider.getLoggerFactory().getLogger("x");

        log.atWarn().addKeyValue("message", "shadow").addKeyValue("requestId", "own").log("kept");

        String raw = bytes.toString(StandardCharsets.UTF_8);
        assertThat(raw.split("\"message\"", -1)).as("one message key").hasSize(2);
        JsonNode line = onlyLine();
        assertThat(line.path("message").asText()).isEqualTo("kept");
        assertThat(line.path("requestId").asText()).as("the call's value wins").isEqualTo("own");
    }

    @Test
    void levelsBelowTheThresholdWriteNothing() {
        Logger log = provider.getLoggerFactory().getLogger("x");

        log.debug("not shown");
        log.atDebug().addKeyValue("k", 1).log("not shown either");

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(bytes.size()).isZero();
        assertThat(JsonLogProvider.level("off", Level.INFO)).isNull();
        assertThat(JsonLogProvider.level("warn", Level.INFO)).isEqualTo(Level.WARN);
    }

    @Test
    void aLoggerOrItsPackageMayHaveItsOwnLevelAsWithSlf4jSimple() {
        System.setProperty("org.slf4j.simpleLogger.log.software.amazon.awssdk", "error");
        try {
            assertThat(JsonLogProvider.levelOf("software.amazon.awssdk.core.Foo", Level.INFO)).isEqualTo(Level.ERROR);
            assertThat(JsonLogProvider.levelOf("dev.lumen.X", Level.INFO)).isEqualTo(Level.INFO);
        } finally {
            System.clearProperty("org.slf4j.simpleLogger.log.software.amazon.awssdk");
        }
    }

    /**
     * A rough per-line cost, printed for the README: a warm JSON line with context and three
     * key-values. The bound is loose (shared CI cores); it only catches a pathological regression.
     */
    @Test
    void aLineCostsMicroseconds() {
        JsonLogProvider quiet = new JsonLogProvider(() -> new PrintStream(OutputStream.nullOutputStream()));
        quiet.initialize();
        quiet.getMDCAdapter().put(Invocation.REQUEST_ID, "8f0e6c1a-5d1b-4c3e-9a57-0b0c2b7d1e11");
        quiet.getMDCAdapter().put(Invocation.FUNCTION, "lumen-dev-ChatFunction-Xk3mPl9QwRz2");
        Logger log = quiet.getLoggerFactory().getLogger("dev.lumen.functions.http.ApiExchange");
        int lines = 200_000;
        for (int i = 0; i < lines; i++) {
            log.atInfo().addKeyValue("route", "POST /api/chat").addKeyValue("status", 200).addKeyValue("latencyMs", i)
                    .log("request");
        }
        long started = System.nanoTime();
        for (int i = 0; i < lines; i++) {
            log.atInfo().addKeyValue("route", "POST /api/chat").addKeyValue("status", 200).addKeyValue("latencyMs", i)
                    .log("request");
        }
        double micros = (System.nanoTime() - started) / 1_000.0 / lines;
        System.err.printf("JSON log line: %.2f µs per line (warm, to a null stream)%n", micros);
        assertThat(micros).isLessThan(100);
    }
}
