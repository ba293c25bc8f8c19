package dev.lumen.functions.priming;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cold-start benchmark's child process: a fresh JVM that builds one handler (as Lambda's init
 * does), optionally runs the priming hooks and a restore (as SnapStart does before the snapshot and
 * after it), and invokes the handler once with a sample event. It prints one line the benchmark
 * reads: {@code FIRST_INVOCATION handler=… initMs=… primeMs=… invokeMs=… result=…}; the launch time
 * is measured by the parent, from process start to that line.
 *
 * <p>Usage: {@code java -cp lumen-functions.jar dev.lumen.functions.priming.FirstInvocation
 * <handler class> <event.json> [--prime]}
 */
public final class FirstInvocation {
    /** Lambda's own event deserializer is not on this class path; these settings read the same files. */
    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private FirstInvocation() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: FirstInvocation <handler class> <event.json> [--prime]");
            System.exit(2);
        }
        boolean prime = args.length > 2 && args[2].equals("--prime");
        long started = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        RequestHandler handler = (RequestHandler) type.getConstructor().newInstance();
        Object event = EVENTS.readValue(Files.readString(Path.of(args[1])), inputType(type));
        long built = System.nanoTime();
        if (prime) {
            Priming.primeAll();
            Priming.restoreAll();
        }
        long primed = System.nanoTime();
        Object response = handler.handleRequest(event, null);
        long answered = System.nanoTime();
        System.out.println("FIRST_INVOCATION handler=" + type.getSimpleName()
                + " initMs=" + millis(started, built) + " primeMs=" + millis(built, primed)
                + " invokeMs=" + millis(primed, answered) + " result=" + describe(response));
        System.out.flush();
        // Handlers may leave non-daemon threads (SDK, pools): the measurement is done.
        System.exit(0);
    }

    private static String describe(Object response) {
        if (response instanceof APIGatewayV2HTTPResponse http) {
            return Integer.toString(http.getStatusCode());
        }
        if (response instanceof SQSBatchResponse batch) {
            return "failures:" + batch.getBatchItemFailures().size();
        }
        return response == null ? "null" : response.getClass().getSimpleName();
    }

    private static Class<?> inputType(Class<?> handler) {
        for (Class<?> type = handler; type != null; type = type.getSuperclass()) {
            for (Type generic : type.getGenericInterfaces()) {
                if (generic instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> input) {
                    return input;
                }
            }
        }
        throw new IllegalArgumentException(handler + " is not a RequestHandler with a concrete event type");
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
