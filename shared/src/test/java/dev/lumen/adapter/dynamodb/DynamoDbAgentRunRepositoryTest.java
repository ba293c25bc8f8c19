package dev.lumen.adapter.dynamodb;

import dev.lumen.contract.AgentRunRepositoryContract;
import dev.lumen.domain.agent.AgentRunRepository;
import dev.lumen.testing.LocalDynamoDb;

class DynamoDbAgentRunRepositoryTest extends AgentRunRepositoryContract {
    @Override
    protected AgentRunRepository newRepository() {
        // A table per case: the contract's agents are the four fixed types, so cases must not share one.
        return new DynamoDbAgentRunRepository(LocalDynamoDb.client(), LocalDynamoDb.newTable());
    }
}
