package dev.lumen.functions.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs as a handler would, in a JVM of its own started with the template's {@code -Dslf4j.provider}. */
public final class LogSample {

    private LogSample() {
    }

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("dev.lumen.functions.http.ApiExchange");
        try (Invocation ignored = Invocation.begin(null)) {
            Invocation.put(Invocation.REQUEST_ID, "req-42");
            Invocation.put(Invocation.ROUTE, "POST /api/chat");
            log.atInfo().addKeyValue("status", 200).addKeyValue("latencyMs", 7).log("request");
        }
        log.info("after the invocation");
    }
}
