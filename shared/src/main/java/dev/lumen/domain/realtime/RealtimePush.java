package dev.lumen.domain.realtime;

/**
 * Port: sends one frame to one connection (API Gateway's management API {@code POST /@connections/{id}},
 * or the local runner's copy of it).
 */
@FunctionalInterface
public interface RealtimePush {

    /**
     * Sends the JSON payload as one text frame.
     *
     * @return false when the connection is gone (HTTP 410): the caller forgets it
     * @throws dev.lumen.domain.error.UnavailableException when the management API cannot be reached,
     *         so the caller's retry policy applies
     */
    boolean push(String connectionId, String payload);
}
