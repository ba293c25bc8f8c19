package dev.lumen.adapter.dynamodb;

import dev.lumen.contract.GoalStoreContract;
import dev.lumen.domain.proactive.GoalStore;
import dev.lumen.testing.LocalDynamoDb;

class DynamoDbGoalStoreTest extends GoalStoreContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected GoalStore newStore() {
        return new DynamoDbGoalStore(LocalDynamoDb.client(), TABLE);
    }
}
