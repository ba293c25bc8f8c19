package dev.lumen.domain.proactive;

/**
 * Port: whether a user has an open real-time (WebSocket) connection now. {@link #NONE} until the
 * WebSocket API keeps its connections: every message then goes to the webhook.
 */
@FunctionalInterface
public interface Connections {
    Connections NONE = userId -> false;

    boolean connected(String userId);
}
