package dev.lumen.functions.proactive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lumen.adapter.sqs.DeliveryJson;
import dev.lumen.domain.proactive.ProactiveDelivery;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.config.ProactiveConfig;
import dev.lumen.functions.priming.Priming;
import dev.lumen.functions.worker.Receives;
import dev.lumen.functions.worker.SqsBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery worker: sends each queued proactive message (see {@link ProactiveDelivery}). A failed
 * send is reported as a batch item failure, so SQS delivers it again; on the receive that reaches the
 * queue's {@code maxReceiveCount} ({@code LUMEN_PROACTIVE_MAX_RECEIVES}, 3) the message is marked FAILED
 * before SQS moves it to the dead-letter queue. A body that names no message is a failure too: it
 * ends in the dead-letter queue for a person to look at.
 */
public final class ProactiveDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ProactiveDeliveryHandler.class);

    private final ProactiveDelivery delivery;
    private final int maxReceives;

    public ProactiveDeliveryHandler() {
        this(Components.instance().proactiveDelivery(), ProactiveConfig.maxReceives());
        Priming.register(this);
    }

    ProactiveDeliveryHandler(ProactiveDelivery delivery, int maxReceives) {
        this.delivery = delivery;
        this.maxReceives = maxReceives;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.eachInTurn(event, context, "ProactiveDelivery", message -> {
            DeliveryJson.Delivery queued = DeliveryJson.read(message.getBody());
            delivery.deliver(queued.userId(), queued.messageId(), Receives.count(message) >= maxReceives);
        }, (message, e) -> {
            int receives = Receives.count(message);
            LOG.atWarn().setMessage("proactive delivery failed").addKeyValue("sqsMessageId", message.getMessageId())
                    .addKeyValue("receives", receives).addKeyValue("lastAttempt", receives >= maxReceives)
                    .setCause(e).log();
        });
    }
}
