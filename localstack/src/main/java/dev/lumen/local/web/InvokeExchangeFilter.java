package dev.lumen.local.web;

import dev.lumen.local.http.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@code /invoke/<function>} behave like Lambda's Invoke API rather than a generic
 * Spring Cloud Function endpoint: POST only; the body is an event JSON whatever content type the
 * client sent ({@code curl --data-binary @events/chat.json} says form-urlencoded, which Spring
 * Cloud Function would otherwise read as form fields); and the response carries the payload's own
 * headers only, where Spring Cloud Function would echo the request's headers back.
 */
final class InvokeExchangeFilter extends OncePerRequestFilter {

    private static final Set<String> RESPONSE_HEADERS =
            Set.of("content-type", "content-length", "x-amz-function-error", "date");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(LocalWebServer.INVOKE_PATH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!request.getMethod().equals("POST")) {
            byte[] body = ErrorBody.json("method_not_allowed",
                    "Invoke a function with POST " + request.getRequestURI() + " and an event JSON as the body");
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setHeader("Allow", "POST");
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(new JsonRequest(request), new PayloadHeadersOnly(response));
    }

    private static final class JsonRequest extends HttpServletRequestWrapper {

        JsonRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getContentType() {
            return "application/json";
        }

        @Override
        public String getHeader(String name) {
            return isContentType(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isContentType(name) ? Collections.enumeration(Set.of(getContentType())) : super.getHeaders(name);
        }

        private static boolean isContentType(String name) {
            return name.equalsIgnoreCase("content-type");
        }
    }

    private static final class PayloadHeadersOnly extends HttpServletResponseWrapper {

        PayloadHeadersOnly(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (kept(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (kept(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (kept(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (kept(name)) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (kept(name)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (kept(name)) {
                super.addIntHeader(name, value);
            }
        }

        private static boolean kept(String name) {
            return RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
        }
    }
}
