package dev.lumen.local.http;

import java.util.List;
import java.util.Map;

/**
 * What the runner sends back for one request.
 *
 * @param status  HTTP status
 * @param headers header values by name; a name may repeat (Set-Cookie)
 * @param body    raw body bytes
 */
public record OutgoingResponse(int status, Map<String, List<String>> headers, byte[] body) {
}
