package dev.lumen.adapter.sqs;

import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationPublisher;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends each {@link Escalation} to the escalations queue as {@link EscalationJson}. A failure is
 * logged with the escalation id and rethrown; the stored record stays un-notified and is republished.
 */
public final class SqsEscalationPublisher implements EscalationPublisher {
    private final QueueSender sender;

    public SqsEscalationPublisher(SqsClient sqs, String queueUrl) {
        this.sender = new QueueSender(sqs, queueUrl);
    }

    @Override
    public void publish(Escalation escalation) {
        sender.send(EscalationJson.write(escalation), "escalationId", escalation.escalationId());
    }
}
