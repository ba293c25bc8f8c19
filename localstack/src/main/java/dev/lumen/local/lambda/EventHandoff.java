package dev.lumen.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hands an event the runner built (an {@code SQSEvent}, a {@code ScheduledEvent}) to a function in
 * the type its handler declares. Lambda delivers JSON and the runtime deserializes it into that
 * type, so a handler typed as the event class gets the object as is, and any other (a {@code Map},
 * a record of its own) gets the event's JSON read the way the runtime would read it.
 */
public final class EventHandoff {

    private EventHandoff() {
    }

    /** Invokes {@code function} with {@code event}; exceptions from the handler propagate. */
    public static Object invoke(LocalFunction function, Object event, String requestId) {
        if (function.inputType().isInstance(event)) {
            return function.invoke(event, requestId);
        }
        @SuppressWarnings("unchecked")
        Class<Object> eventType = (Class<Object>) event.getClass();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(eventType, EventHandoff.class.getClassLoader()).toJson(event, json);
        return function.invoke(function.readEvent(json.toString(StandardCharsets.UTF_8)), requestId);
    }
}
