package dev.lumen.functions.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * What one invocation writes, in process: the JSON lines of {@link #logger()} — a {@link JsonLogger},
 * the class Lambda's binding writes with, reading the same MDC the handlers' context goes into — and
 * the EMF metric lines {@link Metrics#standard()} prints to stdout (switched on with
 * {@code -Dlumen.metrics=emf} while the capture is open). A fake the handler calls logs through
 * {@link #logger()}, so its line is what a domain line in AWS would be at that moment.
 */
public final class InvocationCapture implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final PrintStream original = System.out;
    private final String metricsSetting = System.getProperty(Metrics.ENABLE_PROPERTY);
    private final Logger logger = new JsonLogger("dev.lumen.domain.Sample", Level.INFO, MDC.getMDCAdapter(), () -> capture);

    public InvocationCapture() {
        MDC.clear();
        System.setProperty(Metrics.ENABLE_PROPERTY, "emf");
        System.setOut(capture);
    }

    /** A JSON logger as in Lambda, writing into this capture. */
    public Logger logger() {
        return logger;
    }

    /** Every JSON line written so far, in order. */
    public synchronized List<JsonNode> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return MAPPER.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** The log lines (not metrics) whose message is {@code message}. */
    public List<JsonNode> logged(String message) {
        return lines().stream().filter(line -> message.equals(line.path("message").asText())).toList();
    }

    /** The one invocation metric line (Kind, Handler, Latency, Errors) written so far. */
    public JsonNode invocationMetric() {
        List<JsonNode> lines = lines().stream().filter(line -> line.has("_aws") && line.has("Kind")).toList();
        assertThat(lines).as("one invocation metric line").hasSize(1);
        return EmfSpec.validate(lines.get(0).toString());
    }

    /**
     * Asserts the invocation ended cleanly: nothing is left in the MDC, and a line logged now carries
     * no request id.
     */
    public void assertContextCleared() {
        Object left = MDC.getCopyOfContextMap();
        assertThat(left == null || MDC.getCopyOfContextMap().isEmpty()).as("MDC after the invocation: %s", left).isTrue();
        logger.info("after the invocation");
        JsonNode after = logged("after the invocation").get(0);
        assertThat(after.has("requestId")).isFalse();
        assertThat(after.has("function")).isFalse();
        assertThat(after.has("userId")).isFalse();
    }

    @Override
    public void close() {
        System.setOut(original);
        if (metricsSetting == null) {
            System.clearProperty(Metrics.ENABLE_PROPERTY);
        } else {
            System.setProperty(Metrics.ENABLE_PROPERTY, metricsSetting);
        }
        MDC.clear();
    }
}
