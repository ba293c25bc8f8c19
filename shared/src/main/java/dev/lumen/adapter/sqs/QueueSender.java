package dev.lumen.adapter.sqs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends message bodies to one queue. Transient failures are retried by the SDK (see
 * {@link SqsClients}); what still fails is logged once here, naming the message, and rethrown:
 * the caller decides whether that matters.
 */
final class QueueSender {
    private static final Logger LOG = LoggerFactory.getLogger(QueueSender.class);

    private final SqsClient sqs;
    private final String queueUrl;

    QueueSender(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** @param idName and {@code id} name the message in the log, e.g. {@code interactionId} */
    void send(String body, String idName, String id) {
        try {
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));
        } catch (SdkException e) {
            LOG.atWarn().setMessage("message not published")
                    .addKeyValue("queueUrl", queueUrl)
                    .addKeyValue(idName, id)
                    .addKeyValue("reason", e.getMessage())
                    .setCause(e)
                    .log();
            throw e;
        }
    }
}
