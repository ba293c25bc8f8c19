package dev.lumen.adapter.sqs;

import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.AgentWorkPublisher;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends each {@link AgentWork} to the agent-work queue as {@link AgentWorkJson}. A failure is logged
 * with the run id and rethrown: a schedule's invocation then fails (EventBridge retries it), an API
 * request answers 5xx and nothing was queued.
 */
public final class SqsAgentWorkPublisher implements AgentWorkPublisher {
    private final QueueSender sender;

    public SqsAgentWorkPublisher(SqsClient sqs, String queueUrl) {
        this.sender = new QueueSender(sqs, queueUrl);
    }

    @Override
    public void publish(AgentWork work) {
        sender.send(AgentWorkJson.write(work), "runId", work.agent().slug() + "/" + work.key());
    }
}
