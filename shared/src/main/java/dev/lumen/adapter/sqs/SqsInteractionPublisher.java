package dev.lumen.adapter.sqs;

import dev.lumen.domain.memory.InteractionPublisher;
import dev.lumen.domain.memory.InteractionRecorded;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends each {@link InteractionRecorded} to the interactions queue as {@link InteractionJson}.
 * A failure is logged with the interaction id and rethrown; chat swallows it, because the pending
 * copy it stored is swept up later.
 */
public final class SqsInteractionPublisher implements InteractionPublisher {
    private final QueueSender sender;

    public SqsInteractionPublisher(SqsClient sqs, String queueUrl) {
        this.sender = new QueueSender(sqs, queueUrl);
    }

    @Override
    public void publish(InteractionRecorded interaction) {
        sender.send(InteractionJson.write(interaction), "interactionId", interaction.interactionId());
    }
}
