package dev.lumen.local.template;

import java.util.Map;

/**
 * One entry of the template's {@code Resources} section, untyped. Kinds the runner understands
 * get their own view ({@link FunctionSpec}, {@link TableSpec}, {@link QueueSpec}); later ones
 * can be read from here without changing the parser.
 *
 * @param logicalId  the resource's key in {@code Resources}
 * @param type       e.g. {@code AWS::Serverless::Function}
 * @param properties its {@code Properties}, never null
 */
public record Resource(String logicalId, String type, Map<String, Object> properties) {

    public Resource {
        properties = properties == null ? Map.of() : properties;
    }
}
