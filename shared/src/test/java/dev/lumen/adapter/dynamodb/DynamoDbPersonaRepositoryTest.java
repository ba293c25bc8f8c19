package dev.lumen.adapter.dynamodb;

import dev.lumen.contract.PersonaRepositoryContract;
import dev.lumen.domain.persona.PersonaRepository;
import dev.lumen.testing.LocalDynamoDb;

class DynamoDbPersonaRepositoryTest extends PersonaRepositoryContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected PersonaRepository newRepository() {
        return new DynamoDbPersonaRepository(LocalDynamoDb.client(), TABLE);
    }
}
