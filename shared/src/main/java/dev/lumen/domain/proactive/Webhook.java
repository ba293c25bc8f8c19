package dev.lumen.domain.proactive;

/**
 * Port: the tenant's webhook, where proactive messages go when the user has no live WebSocket.
 * The adapter signs the body, so the receiver can tell the message came from Lumen.
 */
public interface Webhook {
    /** No URL configured: every webhook delivery fails at once with {@link ProactiveDelivery#NOT_CONFIGURED}. */
    Webhook NONE = new Webhook() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public void send(String messageId, String payload) {
            throw new IllegalStateException("no webhook is configured");
        }
    };

    boolean configured();

    /**
     * POSTs the JSON payload.
     *
     * @throws dev.lumen.domain.error.UnavailableException when the receiver did not answer 2xx in time,
     *         so the caller's retry policy applies
     */
    void send(String messageId, String payload);
}
