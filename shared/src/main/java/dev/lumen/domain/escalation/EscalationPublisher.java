package dev.lumen.domain.escalation;

/** Port: hands an escalation to the people who follow up (the escalations SQS queue). */
public interface EscalationPublisher {

    /**
     * @throws RuntimeException when it could not be sent (after logging why); the record stays
     *                          un-notified and is republished later
     */
    void publish(Escalation escalation);
}
