package dev.lumen.adapter.dynamodb;

import dev.lumen.contract.CustodyRepositoryContract;
import dev.lumen.domain.custody.CustodyRepository;
import dev.lumen.testing.LocalDynamoDb;

class DynamoDbCustodyRepositoryTest extends CustodyRepositoryContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected CustodyRepository newRepository() {
        return new DynamoDbCustodyRepository(LocalDynamoDb.client(), TABLE);
    }
}
