package dev.lumen.functions.observability;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;

/**
 * Writes each enabled log call as one JSON object on one line: {@code timestamp}, {@code level},
 * {@code logger}, {@code message}, then the invocation's context (the MDC: requestId, function,
 * route, tenant, userId, see {@link Invocation}), then the call's own key-values, then
 * {@code error} with the exception's type, message and stack trace. One line per event, so
 * CloudWatch Logs keeps a stack trace in its event and Logs Insights discovers every field.
 *
 * <p>Implements {@link LoggingEventAware} so the fluent API's {@code addKeyValue} pairs arrive
 * as fields rather than folded into the message text.
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    private final transient int threshold;
    private final transient MDCAdapter mdc;
    private final transient Supplier<PrintStream> out;

    JsonLogger(String name, Level threshold, MDCAdapter mdc, Supplier<PrintStream> out) {
        this.name = name;
        // null: the logger is off (nothing is written)
        this.threshold = threshold == null ? Integer.MAX_VALUE : threshold.toInt();
        this.mdc = mdc;
        this.out = out;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
        return isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
        return isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
        return isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
        return isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
        return isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        write(level, pattern, arguments, null, throwable);
    }

    @Override
    public void log(LoggingEvent event) {
        if (enabled(event.getLevel())) {
            write(event.getLevel(), event.getMessage(), event.getArgumentArray(), event.getKeyValuePairs(),
                    event.getThrowable());
        }
    }

    private void write(Level level, String pattern, Object[] arguments, List<KeyValuePair> keyValues,
                       Throwable throwable) {
        String message = arguments == null || arguments.length == 0 ? pattern
                : MessageFormatter.basicArrayFormat(pattern, arguments);
        if (throwable == null && arguments != null && arguments.length > 0
                && arguments[arguments.length - 1] instanceof Throwable last) {
            throwable = last;
        }
        out.get().println(line(Instant.now(), level, name, message, mdc.getCopyOfContextMap(), keyValues, throwable));
    }

    /** The JSON line; package-private so the format is tested without a stream. */
    static String line(Instant at, Level level, String logger, String message, Map<String, String> context,
                       List<KeyValuePair> keyValues, Throwable throwable) {
        // Later fields replace earlier ones of the same name: a JSON object must not repeat a key.
        Map<String, Object> fields = new LinkedHashMap<>();
        if (context != null) {
            fields.putAll(context);
        }
        if (keyValues != null) {
            for (KeyValuePair pair : keyValues) {
                fields.put(pair.key, pair.value);
            }
        }
        fields.keySet().removeAll(RESERVED);
        StringBuilder json = new StringBuilder(160 + (message == null ? 0 : message.length()));
        json.append('{');
        JsonText.key(json, "timestamp");
        JsonText.string(json, at.toString());
        json.append(',');
        JsonText.key(json, "level");
        JsonText.string(json, level.name());
        json.append(',');
        JsonText.key(json, "logger");
        JsonText.string(json, logger);
        json.append(',');
        JsonText.key(json, "message");
        JsonText.value(json, message);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            json.append(',');
            JsonText.key(json, field.getKey());
            JsonText.value(json, field.getValue());
        }
        if (throwable != null) {
            json.append(',');
            JsonText.key(json, "error").append('{');
            JsonText.key(json, "type");
            JsonText.string(json, throwable.getClass().getName());
            json.append(',');
            JsonText.key(json, "message");
            JsonText.value(json, throwable.getMessage());
            json.append(',');
            JsonText.key(json, "stack");
            StringWriter stack = new StringWriter();
            throwable.printStackTrace(new PrintWriter(stack));
            JsonText.string(json, stack.toString());
            json.append('}');
        }
        return json.append('}').toString();
    }

    private static final List<String> RESERVED = List.of("timestamp", "level", "logger", "message", "error");

}
