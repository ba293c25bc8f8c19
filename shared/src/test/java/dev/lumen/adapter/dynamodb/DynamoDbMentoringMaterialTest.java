package dev.lumen.adapter.dynamodb;

import dev.lumen.contract.MentoringMaterialContract;
import dev.lumen.domain.custody.MentoringMaterial;
import dev.lumen.testing.LocalDynamoDb;

class DynamoDbMentoringMaterialTest extends MentoringMaterialContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected MentoringMaterial newMaterial() {
        return new DynamoDbMentoringMaterial(LocalDynamoDb.client(), TABLE);
    }
}
