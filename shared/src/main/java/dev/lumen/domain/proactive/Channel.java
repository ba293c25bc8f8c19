package dev.lumen.domain.proactive;

/** How a proactive message reaches the user. */
public enum Channel {
    /** A signed POST to the tenant's configured webhook. */
    WEBHOOK,
    /** Pushed over the user's open WebSocket connection. */
    WEBSOCKET
}
