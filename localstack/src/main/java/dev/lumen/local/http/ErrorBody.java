package dev.lumen.local.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's error shape, {@code {"error":{"code":…,"message":…}}}, for errors the runner itself answers. */
public final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {
    }

    public static byte[] json(String code, String message) {
        try {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            return JSON.writeValueAsBytes(Map.of("error", error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error body", e);
        }
    }

    public static String text(String code, String message) {
        return new String(json(code, message), StandardCharsets.UTF_8);
    }
}
