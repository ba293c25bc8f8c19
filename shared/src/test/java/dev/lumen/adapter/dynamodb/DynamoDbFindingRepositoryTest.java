package dev.lumen.adapter.dynamodb;

import dev.lumen.contract.FindingRepositoryContract;
import dev.lumen.domain.agent.FindingRepository;
import dev.lumen.testing.LocalDynamoDb;

class DynamoDbFindingRepositoryTest extends FindingRepositoryContract {
    @Override
    protected FindingRepository newRepository() {
        return new DynamoDbFindingRepository(LocalDynamoDb.client(), LocalDynamoDb.newTable());
    }
}
