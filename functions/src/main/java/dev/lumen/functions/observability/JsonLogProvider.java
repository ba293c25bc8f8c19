package dev.lumen.functions.observability;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J 2 binding for Lambda: every log line is one JSON object on stdout ({@link JsonLogger}).
 * Selected explicitly with {@code -Dslf4j.provider=dev.lumen.functions.observability.JsonLogProvider}
 * in the functions' {@code JAVA_TOOL_OPTIONS} (template.yaml), so the tests and the local runner
 * keep their own human-readable binding (slf4j-simple, logback) while the same jar logs JSON in AWS.
 *
 * <p>Why our own and not logback + a JSON encoder or Powertools logging: three small classes over
 * slf4j-api, no configuration file to parse at start, no reflection, nothing to prime for SnapStart.
 *
 * <p>Levels: {@code LUMEN_LOG_LEVEL} or the system property
 * {@code org.slf4j.simpleLogger.defaultLogLevel} (the template's {@code LogLevel} parameter),
 * default INFO; {@code org.slf4j.simpleLogger.log.<logger or package>} overrides one logger, as
 * with slf4j-simple, so the same settings work under either binding.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
    private static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String LOGGER_PREFIX = "org.slf4j.simpleLogger.log.";

    private final Supplier<PrintStream> out;
    private MDCAdapter mdc;
    private IMarkerFactory markers;
    private ILoggerFactory loggers;

    /** Writes to {@code System.out} as it is at each line (Lambda sends stdout to CloudWatch Logs). */
    public JsonLogProvider() {
        this(() -> System.out);
    }

    JsonLogProvider(Supplier<PrintStream> out) {
        this.out = out;
    }

    @Override
    public void initialize() {
        mdc = new BasicMDCAdapter();
        markers = new BasicMarkerFactory();
        Level fallback = level(configured(System.getenv("LUMEN_LOG_LEVEL"), System.getProperty(LEVEL_PROPERTY)), Level.INFO);
        Map<String, Logger> cache = new ConcurrentHashMap<>();
        loggers = name -> cache.computeIfAbsent(name, n -> new JsonLogger(n, levelOf(n, fallback), mdc, out));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    /** The most specific {@code org.slf4j.simpleLogger.log.*} setting for the logger or its packages. */
    static Level levelOf(String name, Level fallback) {
        String prefix = name;
        while (!prefix.isEmpty()) {
            String setting = System.getProperty(LOGGER_PREFIX + prefix);
            if (setting != null) {
                return level(setting, fallback);
            }
            int dot = prefix.lastIndexOf('.');
            prefix = dot < 0 ? "" : prefix.substring(0, dot);
        }
        return fallback;
    }

    private static String configured(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    /** {@code off} is above ERROR: nothing is written. */
    static Level level(String name, Level fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("OFF")) {
            return null;
        }
        try {
            return Level.valueOf(upper);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
