package dev.lumen.local.web;

import dev.lumen.local.lambda.LocalFunction;
import dev.lumen.local.lambda.LocalFunctions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A template function as a Spring Cloud Function: event JSON in, the handler's result JSON out,
 * as {@code sam local invoke -e event.json} prints it. A failure is answered the way Lambda's
 * Invoke API answers it: an {@code errorType}/{@code errorMessage} payload (no stack trace) and
 * the {@code X-Amz-Function-Error} header.
 */
final class InvokeFunction implements Function<Message<String>, Message<String>> {

    private static final Logger LOG = LoggerFactory.getLogger(InvokeFunction.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final LocalFunctions functions;

    InvokeFunction(String name, LocalFunctions functions) {
        this.name = name;
        this.functions = functions;
    }

    @Override
    public Message<String> apply(Message<String> request) {
        LocalFunction function = functions.find(name).orElseThrow();
        String payload = request.getPayload();
        Object event;
        try {
            if (payload == null || payload.isBlank()) {
                throw new IllegalArgumentException("the request body must be an event JSON");
            }
            event = function.readEvent(payload);
        } catch (IllegalArgumentException e) {
            // The caller's mistake, as Lambda's Invoke API reports it: no handler ran.
            LOG.atWarn().setMessage("invoke rejected").addKeyValue("function", function.name())
                    .addKeyValue("reason", e.getMessage()).log();
            return failure("InvalidRequestContentException", e.getMessage());
        }
        String requestId = UUID.randomUUID().toString();
        try {
            return MessageBuilder.withPayload(function.resultJson(function.invoke(event, requestId)))
                    .setHeader("Content-Type", "application/json")
                    .build();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.atError().setMessage("handler failed").addKeyValue("function", function.name())
                    .addKeyValue("requestId", requestId).setCause(e).log();
            return failure(e.getClass().getName(), e.getMessage());
        }
    }

    private static Message<String> failure(String type, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("errorMessage", message == null ? type : message);
        error.put("errorType", type);
        try {
            return MessageBuilder.withPayload(JSON.writeValueAsString(error))
                    .setHeader("Content-Type", "application/json")
                    .setHeader("X-Amz-Function-Error", "Unhandled")
                    .build();
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
