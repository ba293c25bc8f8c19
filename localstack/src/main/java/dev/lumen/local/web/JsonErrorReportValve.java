package dev.lumen.local.web;

import dev.lumen.functions.http.ApiExchange;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before any servlet sees them (an encoded {@code /} or a NUL in the
 * path, a malformed request line) and would answer with an HTML page. The HTTP API answers every
 * error in its one JSON shape, so this valve writes {@code {"error":{"code","message"}}} instead,
 * without a stack trace or server details.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status < 500 ? "invalid_request" : "internal_error";
        };
        String message = status < 500 ? "the request could not be read as an HTTP API request (status " + status + ")"
                : "the request could not be processed";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            ApiExchange.SECURITY_HEADERS.forEach(response::setHeader);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response already committed; nothing more to tell it.
        }
    }
}
