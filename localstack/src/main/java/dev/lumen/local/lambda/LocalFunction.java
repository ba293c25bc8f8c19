package dev.lumen.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.lumen.local.template.FunctionSpec;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ResolvableType;

/**
 * One function of the template, served in this JVM: the same handler class Lambda runs,
 * instantiated once (as in a warm container) through its public no-arg constructor.
 * Unlike Lambda, one instance may serve several requests at once, so handlers must be thread-safe
 * (they hold only thread-safe clients and services). Constructors run while DynamoDB Local is still
 * starting, so they must not call it (SnapStart priming belongs in a CRaC hook anyway).
 */
public final class LocalFunction {

    private final String name;
    private final RequestHandler<Object, Object> handler;
    private final Class<Object> inputType;
    private final Class<Object> outputType;
    private final int timeoutSeconds;
    private final int memoryMb;
    private final String region;
    private final Logger log;
    // Built on first use: the runtime's serializers load a shaded Jackson, which only /invoke needs.
    private volatile PojoSerializer<Object> inputSerializer;
    private volatile PojoSerializer<Object> outputSerializer;

    private LocalFunction(String name, RequestHandler<Object, Object> handler, Class<Object> inputType,
                          Class<Object> outputType, int timeoutSeconds, int memoryMb, String region) {
        this.name = name;
        this.handler = handler;
        this.inputType = inputType;
        this.outputType = outputType;
        this.timeoutSeconds = timeoutSeconds;
        this.memoryMb = memoryMb;
        this.region = region;
        this.log = LoggerFactory.getLogger("lambda." + name);
    }

    /**
     * Instantiates the function's handler class. While its constructor runs, {@code environment} is
     * visible as JVM system properties (handlers fall back to them when a variable is not in the real
     * environment); previous values are restored afterwards.
     */
    public static LocalFunction instantiate(FunctionSpec spec, Map<String, String> environment, String region) {
        Map<String, String> previous = new HashMap<>();
        environment.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        try {
            Class<?> type = Class.forName(spec.handlerClass(), true, LocalFunction.class.getClassLoader());
            if (!RequestHandler.class.isAssignableFrom(type)) {
                throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass()
                        + " does not implement RequestHandler (stream handlers are not served locally yet)");
            }
            ResolvableType handlerType = ResolvableType.forClass(type).as(RequestHandler.class);
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> handler =
                    (RequestHandler<Object, Object>) type.getDeclaredConstructor().newInstance();
            return new LocalFunction(spec.logicalId(), handler, rawType(handlerType, 0), rawType(handlerType, 1),
                    spec.timeoutSeconds(), spec.memoryMb(), region);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(spec.logicalId() + ": handler class " + spec.handlerClass()
                    + " is not on the class path", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass()
                    + " failed to initialise: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass()
                    + " needs a public no-arg constructor", e);
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    /** Wraps an already built handler, for tests of the runner's plumbing. */
    public static <I, O> LocalFunction of(String name, RequestHandler<I, O> handler, Class<I> inputType,
                                          Class<O> outputType) {
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> untyped = (RequestHandler<Object, Object>) handler;
        @SuppressWarnings("unchecked")
        Class<Object> in = (Class<Object>) inputType;
        @SuppressWarnings("unchecked")
        Class<Object> out = (Class<Object>) outputType;
        return new LocalFunction(name, untyped, in, out, 3, 128, "us-east-1");
    }

    /** The template's logical id, e.g. {@code ChatFunction}. */
    public String name() {
        return name;
    }

    public Class<?> inputType() {
        return inputType;
    }

    public Class<?> outputType() {
        return outputType;
    }

    /** Calls the handler with a fresh context; exceptions from the handler propagate. */
    public Object invoke(Object event, String requestId) {
        return handler.handleRequest(event, new LocalLambdaContext(name, requestId, region, memoryMb, timeoutSeconds, log));
    }

    /**
     * Reads an event JSON the way the Lambda Java runtime does, with its serializer for the handler's
     * input type (so {@code isBase64Encoded} and friends mean here what they mean there).
     *
     * @throws IllegalArgumentException when the JSON does not parse
     */
    public Object readEvent(String eventJson) {
        try {
            return inputSerializer().fromJson(eventJson);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(
                    "the event is not a valid " + inputType.getSimpleName() + " JSON: " + reason, e);
        }
    }

    /** Writes a handler result as JSON, the way the Lambda runtime returns it. */
    public String resultJson(Object result) {
        if (result == null) {
            return "null";
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        outputSerializer().toJson(result, json);
        return json.toString(StandardCharsets.UTF_8);
    }

    private PojoSerializer<Object> inputSerializer() {
        PojoSerializer<Object> serializer = inputSerializer;
        if (serializer == null) {
            serializer = LambdaEventSerializers.serializerFor(inputType, handler.getClass().getClassLoader());
            inputSerializer = serializer;
        }
        return serializer;
    }

    private PojoSerializer<Object> outputSerializer() {
        PojoSerializer<Object> serializer = outputSerializer;
        if (serializer == null) {
            serializer = LambdaEventSerializers.serializerFor(outputType, handler.getClass().getClassLoader());
            outputSerializer = serializer;
        }
        return serializer;
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> rawType(ResolvableType handlerType, int index) {
        Class<?> resolved = handlerType.getGeneric(index).resolve(Object.class);
        return (Class<Object>) resolved;
    }
}
