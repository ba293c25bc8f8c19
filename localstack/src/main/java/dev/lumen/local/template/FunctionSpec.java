package dev.lumen.local.template;

import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} with the template's {@code Globals.Function} already merged in.
 *
 * @param logicalId      e.g. {@code ChatFunction}
 * @param handler        e.g. {@code dev.lumen.functions.chat.ChatHandler::handleRequest}
 * @param environment    Globals' variables overlaid with the function's own; values are literals or
 *                       {@link Intrinsic}s, resolve them with {@link Intrinsics}
 * @param timeoutSeconds {@code Timeout} (SAM's default is 3)
 * @param memoryMb       {@code MemorySize} (SAM's default is 128)
 * @param events         the function's triggers
 */
public record FunctionSpec(
        String logicalId,
        String handler,
        Map<String, Object> environment,
        int timeoutSeconds,
        int memoryMb,
        List<FunctionEvent> events) {

    /** The class part of {@code Handler}: everything before {@code ::}. */
    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }
}
