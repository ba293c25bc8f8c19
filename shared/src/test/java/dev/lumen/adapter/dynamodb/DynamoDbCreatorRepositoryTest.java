package dev.lumen.adapter.dynamodb;

import dev.lumen.contract.CreatorRepositoryContract;
import dev.lumen.domain.knowledge.CreatorRepository;
import dev.lumen.testing.LocalDynamoDb;

class DynamoDbCreatorRepositoryTest extends CreatorRepositoryContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected CreatorRepository newRepository() {
        return new DynamoDbCreatorRepository(LocalDynamoDb.client(), TABLE);
    }
}
