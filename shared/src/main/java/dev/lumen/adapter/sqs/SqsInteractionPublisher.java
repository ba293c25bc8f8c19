package dev.lumen.adapter.sqs;

import dev.lumen.domain.memory.InteractionPublisher;
import dev.lumen.domain.memory.InteractionRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends each {@link InteractionRecorded} to the interactions queue as {@link InteractionJson}.
 * Transient failures are retried by the SDK (see {@link SqsClients}); what still fails is logged
 * once here, with the interaction id, and rethrown: the caller decides whether that matters
 * (chat swallows it, because the pending copy it stored is swept up later).
 */
public final class SqsInteractionPublisher implements InteractionPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SqsInteractionPublisher.class);

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsInteractionPublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void publish(InteractionRecorded interaction) {
        String body = InteractionJson.write(interaction);
        try {
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));
        } catch (SdkException e) {
            LOG.atWarn().setMessage("interaction not published")
                    .addKeyValue("interactionId", interaction.interactionId())
                    .addKeyValue("reason", e.getMessage())
                    .setCause(e)
                    .log();
            throw e;
        }
    }
}
