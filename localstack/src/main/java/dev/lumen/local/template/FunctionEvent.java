package dev.lumen.local.template;

import java.util.Map;

/**
 * One entry of a function's {@code Events}: what triggers it ({@code HttpApi}, {@code SQS},
 * {@code Schedule}, …).
 *
 * @param name       the event's key, e.g. {@code Chat}
 * @param type       e.g. {@code HttpApi}
 * @param properties its {@code Properties}, never null
 */
public record FunctionEvent(String name, String type, Map<String, Object> properties) {

    public FunctionEvent {
        properties = properties == null ? Map.of() : properties;
    }
}
