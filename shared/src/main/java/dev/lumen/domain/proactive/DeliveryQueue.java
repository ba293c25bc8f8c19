package dev.lumen.domain.proactive;

/** Port: hands a due proactive message to the delivery worker (the delivery queue; the body names user and message). */
@FunctionalInterface
public interface DeliveryQueue {

    /** @throws dev.lumen.domain.error.UnavailableException when the queue cannot be reached */
    void enqueue(String userId, String messageId);
}
