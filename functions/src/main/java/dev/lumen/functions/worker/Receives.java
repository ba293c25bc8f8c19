package dev.lumen.functions.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.Map;

/** How many times SQS has delivered a message, from its {@code ApproximateReceiveCount} attribute. */
public final class Receives {

    private Receives() {
    }

    public static int count(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        try {
            return attributes == null ? 1 : Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
