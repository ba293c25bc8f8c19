package dev.lumen.local.docker;

import dev.lumen.adapter.dynamodb.DynamoDbPersonaRepository;
import dev.lumen.contract.PersonaRepositoryContract;
import dev.lumen.domain.persona.PersonaRepository;
import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The DynamoDB persona repository's contract, against the table the init script creates in LocalStack. */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackPersonaRepositoryTest extends PersonaRepositoryContract {

    @Override
    protected PersonaRepository newRepository() {
        return new DynamoDbPersonaRepository(LocalStackResources.dynamoDb(), LocalStackNames.TABLE);
    }
}
