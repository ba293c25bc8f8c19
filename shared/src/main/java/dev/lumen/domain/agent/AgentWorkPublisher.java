package dev.lumen.domain.agent;

/** Port: puts agent work on the agent-work queue. */
public interface AgentWorkPublisher {

    void publish(AgentWork work);
}
