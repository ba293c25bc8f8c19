package dev.lumen.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that starts the whole local runner (DynamoDB Local in memory, the template's
 * functions, the HTTP API) once per test JVM on free ports, and stops it when the JVM's tests are
 * done. Test classes share it: {@code @ExtendWith(LocalRunner.class)}, then {@link #baseUrl()},
 * or take a {@link LumenLocal} parameter.
 */
public final class LocalRunner implements BeforeAllCallback, ParameterResolver {

    /** The module's tests run from localstack/; the template sits at the top of the checkout. */
    static final Path PROJECT_TEMPLATE = Path.of("..", "template.yaml");

    private static final String KEY = LocalRunner.class.getName();

    private static volatile LumenLocal running;

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    /**
     * The settings of a runner of its own, for a test class that needs other configuration than
     * the shared one (it must run in a JVM of its own: handlers keep one configuration per JVM):
     * in-memory DynamoDB, the offline model, no schedules, free ports, a fresh data folder.
     */
    public static LocalSettings isolatedSettings(String tableName, Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("LUMEN_TEMPLATE", PROJECT_TEMPLATE.toString());
        env.put("LUMEN_TABLE_NAME", tableName);
        env.put("LUMEN_CHAT_MODEL", "offline");
        env.put("LUMEN_DYNAMODB_IN_MEMORY", "true");
        env.put("LUMEN_SCHEDULES", "off");
        try {
            env.put("LUMEN_DATA_DIR", Files.createTempDirectory(tableName + "-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LocalSettings.fromEnvironment(env).withPorts(0, 0, 0);
    }

    /**
     * Starts a runner of its own (see {@link #isolatedSettings}) and waits for the embedding model:
     * the runner loads it in the background, and a JVM that exits while the native library is
     * still loading can crash.
     */
    public static LumenLocal startIsolated(LocalSettings settings) {
        LumenLocal local = LumenLocal.start(settings);
        new dev.lumen.adapter.onnx.MiniLmEmbeddingModel().embed("warm up");
        return local;
    }

    /** {@code http://127.0.0.1:<port>} of the running runner. */
    public static String baseUrl() {
        return requireRunning().baseUrl();
    }

    /** The running runner (its DynamoDB endpoint, table name, functions). */
    public static LumenLocal runner() {
        return requireRunning();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LumenLocal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return start(context);
    }

    private static LumenLocal start(ExtensionContext context) {
        // The root store lives as long as the test run, and closes what it holds at the end.
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, key -> new Started(launch()), Started.class)
                .local();
    }

    private static LumenLocal launch() {
        // In memory: nothing is written under the data directory, and every test run starts empty.
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of(
                        "LUMEN_TEMPLATE", PROJECT_TEMPLATE.toString(),
                        "LUMEN_TABLE_NAME", "lumen-test",
                        "LUMEN_CHAT_MODEL", "offline",
                        "LUMEN_DYNAMODB_IN_MEMORY", "true",
                        // Memories live on disk (the embedded Lucene store): a fresh folder per run.
                        "LUMEN_DATA_DIR", temporaryDataDir().toString()))
                .withPorts(0, 0, 0);
        LumenLocal local = LumenLocal.start(settings);
        running = local;
        return local;
    }

    private static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("lumen-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LumenLocal requireRunning() {
        LumenLocal local = running;
        if (local == null) {
            throw new IllegalStateException("the local runner is not started: add @ExtendWith(LocalRunner.class)");
        }
        return local;
    }

    private record Started(LumenLocal local) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            running = null;
            local.close();
        }
    }
}
