package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.PersonaRepositoryContract;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaRepository;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitChange;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

class DynamoDbPersonaRepositoryTest extends PersonaRepositoryContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected PersonaRepository newRepository() {
        return new DynamoDbPersonaRepository(LocalDynamoDb.client(), TABLE);
    }

    @Test
    void findIsOneQueryThatNeverReadsTheAuditTrail() {
        // GIVEN a persona with three own traits and a history of changes to them
        Persona persona = persona(List.of(trait("a", 0.1), trait("b", 0.2), trait("c", 0.3)));
        PersonaRepository writer = newRepository();
        writer.create(persona);
        for (int version = 1; version <= 5; version++) {
            TraitChange change = change(persona.id(), "b", TraitAction.INCREASE, 0.01, 0.2, 0.21,
                    Instant.parse("2024-06-01T00:00:00Z").plusSeconds(version));
            assertThat(writer.saveTrait(persona.id(), trait("b", 0.2 + version / 100.0), version, change)).isTrue();
        }
        RecordingDynamoDbClient recording = new RecordingDynamoDbClient(LocalDynamoDb.client());

        // WHEN
        Persona found = new DynamoDbPersonaRepository(recording.client(), TABLE).find(persona.id()).orElseThrow();

        // THEN
        assertThat(found.traits()).hasSize(3);
        assertThat(recording.calls()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("query");
            List<Map<String, AttributeValue>> items = ((QueryResponse) call.response()).items();
            assertThat(items).extracting(item -> item.get("sk").s())
                    .containsExactly("PROFILE", "TRAIT#a", "TRAIT#b", "TRAIT#c");
        });
    }

    @Test
    void intensitiesBelowTheSmallestDynamoDbNumberAreStoredAsZero() {
        // GIVEN a valid intensity that DynamoDB cannot represent (its Numbers stop at 1E-130)
        Persona persona = persona(List.of(trait("faint", 1e-200)));

        // WHEN
        PersonaRepository repository = newRepository();
        repository.create(persona);

        // THEN
        assertThat(repository.find(persona.id()).orElseThrow().traits()).containsExactly(trait("faint", 0.0));
    }

    @Test
    void thePersonaIsIndexedByItsCreator() {
        // GIVEN
        Persona persona = persona(List.of());

        // WHEN
        newRepository().create(persona);

        // THEN
        List<Map<String, AttributeValue>> byCreator = LocalDynamoDb.client().query(q -> q
                .tableName(TABLE)
                .indexName(LumenTable.GSI1)
                .keyConditionExpression("gsi1pk = :creator AND gsi1sk = :persona")
                .expressionAttributeValues(Map.of(
                        ":creator", AttributeValue.fromS(LumenTable.creatorGsiPk(persona.creatorId())),
                        ":persona", AttributeValue.fromS(LumenTable.personaGsiSk(persona.createdAt(), persona.id()))))).items();
        assertThat(byCreator).singleElement()
                .satisfies(item -> assertThat(item.get("name").s()).isEqualTo(persona.name()));
    }
}
