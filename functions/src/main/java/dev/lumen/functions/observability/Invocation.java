package dev.lumen.functions.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The context every log line of one invocation carries: set once when a handler starts, cleared
 * when it ends ({@code try (Invocation ignored = Invocation.begin(context)) {...}}), so a warm
 * container never lends one request's ids to the next.
 *
 * <p>Kept in SLF4J's MDC, so it works under any binding: {@link JsonLogProvider} writes the entries
 * as fields; logback and slf4j-simple keep them for patterns that ask.
 *
 * <p>HTTP handlers get it from {@code ApiExchange}, the one-message-at-a-time SQS workers from
 * {@code SqsBatch}; every other handler (WebSocket events, the {@code $connect} authorizer, schedules,
 * sweepers, the workers with their own loop) runs its work through {@link #run} or {@link #scheduled},
 * which also write the invocation's {@link Metrics#invocation} line. A guard test
 * ({@code HandlerInvocationGuardTest}) fails when a handler class goes through none of these.
 */
public final class Invocation implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Invocation.class);
    /** Lambda's request id of this invocation. */
    public static final String REQUEST_ID = "requestId";
    /** API Gateway's id of the HTTP request (the one in its access logs), when there is one. */
    public static final String API_REQUEST_ID = "apiRequestId";
    public static final String FUNCTION = "function";
    public static final String ROUTE = "route";
    /** The creator (tenant) the caller speaks for, from the token's {@code custom:creatorId}. */
    public static final String TENANT = "tenant";
    public static final String USER_ID = "userId";
    /** The handler's short name on invocations that are not API requests, e.g. {@code ProactiveDispatch}. */
    public static final String HANDLER = "handler";

    /** What triggers a non-HTTP invocation: the {@code Kind} dimension of its {@link Metrics#invocation} line. */
    public enum Kind {
        /** An EventBridge schedule: agents' schedules, proactive evaluation and dispatch, snapshots, sweepers. */
        SCHEDULE("schedule"),
        /** A batch from an SQS queue. */
        WORKER("worker"),
        /** An event of the WebSocket API. */
        REALTIME("realtime"),
        /** The WebSocket API's {@code $connect} authorizer. */
        AUTHORIZER("authorizer");

        private final String dimension;

        Kind(String dimension) {
            this.dimension = dimension;
        }

        public String dimension() {
            return dimension;
        }
    }

    private static final Invocation OPEN = new Invocation();

    private Invocation() {
    }

    /** Starts an invocation's context: request id and function name from the Lambda context. */
    public static Invocation begin(Context context) {
        MDC.clear();
        put(FUNCTION, context == null ? System.getenv("AWS_LAMBDA_FUNCTION_NAME") : context.getFunctionName());
        put(REQUEST_ID, context == null ? null : context.getAwsRequestId());
        return OPEN;
    }

    /**
     * Runs one scheduled invocation ({@code ScheduledEvent}) in its context: a run that throws is
     * logged with the context and counted as an error, then rethrown so Lambda records the failure.
     */
    public static <T> T scheduled(Context context, String handler, Supplier<T> work) {
        return run(context, Kind.SCHEDULE, handler, () -> { }, work, result -> false);
    }

    /**
     * Runs one invocation that is not an API request in its context, and writes its
     * {@link Metrics#invocation} line (latency, error 0 or 1) before the context is cleared.
     *
     * @param describe adds what the event tells (route, user, tenant) once the context is open
     * @param failed   whether a result that returned is an error nonetheless (a 5xx status);
     *                 a thrown exception always is
     */
    public static <T> T run(Context context, Kind kind, String handler, Runnable describe, Supplier<T> work,
                            Predicate<? super T> failed) {
        long started = System.nanoTime();
        boolean error = true;
        begin(context);
        try {
            put(HANDLER, handler);
            describe.run();
            T result = work.get();
            error = failed.test(result);
            return result;
        } catch (RuntimeException | Error e) {
            LOG.error("invocation failed handler={} requestId={}", handler, get(REQUEST_ID), e);
            throw e;
        } finally {
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            try {
                LOG.atInfo().addKeyValue("failed", error).addKeyValue("latencyMs", latencyMs)
                        .log("invocation handler={} requestId={}", handler, get(REQUEST_ID));
                Metrics.standard().invocation(kind.dimension(), handler, error, latencyMs);
            } finally {
                MDC.clear();
            }
        }
    }

    /**
     * Wraps work for another thread so its lines carry this thread's context (pool threads are made
     * once and would otherwise keep whatever context they started with), and leave none behind.
     */
    public static <T> Supplier<T> carried(Supplier<T> work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try {
                return work.get();
            } finally {
                MDC.clear();
            }
        };
    }

    /** Adds one field to the rest of this invocation's lines; a null value adds nothing. */
    public static void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
        }
    }

    /** Drops one field, e.g. the creator of the previous message of a batch. */
    public static void remove(String key) {
        MDC.remove(key);
    }

    /** One field of the current context, or null. */
    public static String get(String key) {
        return MDC.get(key);
    }

    @Override
    public void close() {
        MDC.clear();
    }
}
