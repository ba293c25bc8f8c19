package dev.lumen.functions.observability;

import com.amazonaws.services.lambda.runtime.Context;
import org.slf4j.MDC;

/**
 * The context every log line of one invocation carries: set once when a handler starts, cleared
 * when it ends ({@code try (Invocation ignored = Invocation.begin(context)) {...}}), so a warm
 * container never lends one request's ids to the next.
 *
 * <p>Kept in SLF4J's MDC, so it works under any binding: {@link JsonLogProvider} writes the entries
 * as fields; logback and slf4j-simple keep them for patterns that ask.
 */
public final class Invocation implements AutoCloseable {
    /** Lambda's request id of this invocation. */
    public static final String REQUEST_ID = "requestId";
    /** API Gateway's id of the HTTP request (the one in its access logs), when there is one. */
    public static final String API_REQUEST_ID = "apiRequestId";
    public static final String FUNCTION = "function";
    public static final String ROUTE = "route";
    /** The creator (tenant) the caller speaks for, from the token's {@code custom:creatorId}. */
    public static final String TENANT = "tenant";
    public static final String USER_ID = "userId";

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

    /** Adds one field to the rest of this invocation's lines; a null value adds nothing. */
    public static void put(String key, String value) {
        if (value != null && !value.isBlank()) {
            MDC.put(key, value);
        }
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
