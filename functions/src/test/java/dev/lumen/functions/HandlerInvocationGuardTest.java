package dev.lumen.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Lambda handler class runs its invocations inside the per-invocation log context and writes
 * their metric line: through {@code ApiExchange.run} (HTTP routes), {@code SqsBatch.eachInTurn}
 * (SQS workers), {@code RealtimeExchange.run} (WebSocket routes) or {@code Invocation.run} /
 * {@code Invocation.scheduled} (everything else). A new handler that goes through none of them
 * fails here, with its file named, before its lines reach CloudWatch without a request id.
 */
class HandlerInvocationGuardTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern HANDLER = Pattern.compile("implements\\s+[^{]*\\bRequest(Stream)?Handler\\b");
    private static final List<String> ENTRY_POINTS = List.of("ApiExchange.run(", "SqsBatch.eachInTurn(",
            "RealtimeExchange.run(", "Invocation.run(", "Invocation.scheduled(");
    /** Handlers that deliberately have no context, and why. */
    private static final Map<String, String> EXEMPT = Map.of(
            "BareGetItem.java", "the cold-start benchmark's yardstick: one GetItem and nothing else, by design");

    @Test
    void everyHandlerClassGoesThroughTheInvocationContext() {
        List<Path> handlers = handlers(SOURCES);

        assertThat(handlers).as("the scan finds the handlers").hasSizeGreaterThan(50);
        assertThat(uncovered(handlers)).as("handlers that log without requestId/function: wrap their work in "
                + "Invocation.run/scheduled (or ApiExchange/SqsBatch)").isEmpty();
    }

    @Test
    void aHandlerThatSkipsTheContextIsCaught(@TempDir Path sources) throws IOException {
        // GIVEN one handler that goes through the context and one that does not
        Path dir = Files.createDirectories(sources.resolve("dev/lumen/functions/sample"));
        Files.writeString(dir.resolve("GoodHandler.java"), """
                public final class GoodHandler implements RequestHandler<ScheduledEvent, Integer> {
                    public Integer handleRequest(ScheduledEvent event, Context context) {
                        return Invocation.scheduled(context, "Good", () -> 1);
                    }
                }
                """);
        Files.writeString(dir.resolve("BareHandler.java"), """
                public final class BareHandler
                        implements RequestStreamHandler {
                    public void handleRequest(InputStream in, OutputStream out, Context context) {
                        LOG.info("no request id on this line");
                    }
                }
                """);
        Files.writeString(dir.resolve("NotAHandler.java"), "final class NotAHandler { }");

        // WHEN / THEN only the bare one is reported
        assertThat(handlers(sources)).hasSize(2);
        assertThat(uncovered(handlers(sources))).extracting(path -> path.getFileName().toString())
                .containsExactly("BareHandler.java");
    }

    private static List<Path> handlers(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> HANDLER.matcher(read(file)).find()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> uncovered(List<Path> handlers) {
        return handlers.stream()
                .filter(file -> !EXEMPT.containsKey(file.getFileName().toString()))
                .filter(file -> ENTRY_POINTS.stream().noneMatch(read(file)::contains)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
