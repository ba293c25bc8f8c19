package dev.lumen.functions.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.lumen.adapter.sqs.AgentWorkJson;
import dev.lumen.domain.agent.AgentCycles;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.priming.Priming;
import dev.lumen.functions.worker.Receives;
import dev.lumen.functions.worker.SqsBatch;
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
        return SqsBatch.eachInTurn(event, context, "AgentWorker", message -> cycles.execute(AgentWorkJson.read(message.getBody())),
                (message, e) -> LOG.atWarn().setMessage("agent work failed and will be retried")
                        .addKeyValue("messageId", message.getMessageId())
                        .addKeyValue("receives", Receives.count(message))
                        .setCause(e).log());
    }
}
