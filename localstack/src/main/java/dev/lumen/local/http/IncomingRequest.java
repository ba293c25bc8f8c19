package dev.lumen.local.http;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the runner, before it becomes an API Gateway event.
 *
 * @param method    e.g. {@code GET}
 * @param rawPath   the path as sent, still percent-encoded
 * @param rawQuery  the query string without {@code ?}, or null
 * @param headers   header values by name, names as sent
 * @param body      the body bytes, empty when there is none
 * @param sourceIp  the client's address
 * @param protocol  e.g. {@code HTTP/1.1}
 */
public record IncomingRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {

    public IncomingRequest {
        body = body == null ? new byte[0] : body;
        headers = headers == null ? Map.of() : headers;
    }
}
