package dev.lumen.functions.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.observability.Metrics;
import dev.lumen.functions.observability.QueueLag;
import dev.lumen.adapter.sqs.AgentWorkJson;
import dev.lumen.domain.agent.AgentCycles;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.priming.Priming;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent worker: does each piece of work on the agent-work queue, once per key (see
 * {@link AgentCycles#execute}). An agent that fails has its run recorded FAILED and its message
 * deleted; a message that cannot be read, or whose run cannot be recorded, is reported as a batch
 * item failure, so SQS retries it and after three receives moves it to the dead-letter queue.
 * Messages of a batch run one after the other: a cycle is long and the template's batch is one.
 */
public final class AgentWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentWorkerHandler.class);

    private final AgentCycles cycles;

    public AgentWorkerHandler() {
        this(Components.instance().agentCycles());
        Priming.register(this);
    }

    AgentWorkerHandler(AgentCycles cycles) {
        this.cycles = cycles;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        // Context for every line of this batch; the batch's queue lag as an EMF metric.
        try (Invocation ignored = Invocation.begin(context)) {
            QueueLag.record(event, Metrics.standard(), System.currentTimeMillis());
            List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage message : records) {
                try {
                    AgentWork work = AgentWorkJson.read(message.getBody());
                    cycles.execute(work);
                } catch (RuntimeException e) {
                    LOG.atWarn().setMessage("agent work failed and will be retried")
                            .addKeyValue("messageId", message.getMessageId())
                            .addKeyValue("receives", message.getAttributes() == null ? null
                                    : message.getAttributes().get("ApproximateReceiveCount"))
                            .setCause(e).log();
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            return new SQSBatchResponse(failures);
        }
    }
}
