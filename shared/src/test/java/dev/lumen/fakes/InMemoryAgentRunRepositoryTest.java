package dev.lumen.fakes;

import dev.lumen.contract.AgentRunRepositoryContract;
import dev.lumen.domain.agent.AgentRunRepository;

class InMemoryAgentRunRepositoryTest extends AgentRunRepositoryContract {
    @Override
    protected AgentRunRepository newRepository() {
        return new InMemoryAgentRunRepository();
    }
}
