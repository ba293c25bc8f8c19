package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.Creator;
import dev.lumen.domain.knowledge.DocumentStatus;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import dev.lumen.domain.persona.Persona;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code CREATOR#{id}} names two partitions: the table's, holding the creator's profile and
 * documents, and the GSI's, holding the creator's personas. Neither may see the other's items.
 */
class DynamoDbCreatorPartitionTest {
    private static final String TABLE = LocalDynamoDb.newTable();
    private static final Instant AT = Instant.parse("2024-05-01T10:15:30Z");

    @Test
    void profileAndDocumentsOfACreatorLeaveItsPersonasAlone() {
        // GIVEN a creator with a persona, a profile and two documents
        String creatorId = Ids.random();
        var personas = new DynamoDbPersonaRepository(LocalDynamoDb.client(), TABLE);
        var creators = new DynamoDbCreatorRepository(LocalDynamoDb.client(), TABLE);
        var documents = new DynamoDbDocumentRepository(LocalDynamoDb.client(), TABLE);
        Persona persona = new Persona(Ids.random(), "Ada", "A patient tutor", creatorId, List.of(), AT);
        personas.create(persona);
        Creator creator = new Creator(creatorId, "Grace", "Focus", "Deep work", "Brief", AT);

        // WHEN
        creators.save(creator);
        KnowledgeDocument first = document(creatorId, AT);
        KnowledgeDocument second = document(creatorId, AT.plusSeconds(1));
        documents.save(first);
        documents.save(second);
        documents.updateState(creatorId, first.documentId(), 1, DocumentStatus.INDEXED, null, 2, 2, AT.plusSeconds(2));
        documents.delete(creatorId, second.documentId());

        // THEN each repository sees exactly its own items
        assertThat(personas.find(persona.id())).contains(persona);
        assertThat(creators.find(creatorId)).contains(creator);
        assertThat(documents.list(creatorId)).extracting(KnowledgeDocument::documentId)
                .containsExactly(first.documentId());
        // the index's CREATOR# partition still holds the persona and nothing else
        List<Map<String, AttributeValue>> byCreator = LocalDynamoDb.client().query(q -> q
                .tableName(TABLE)
                .indexName(LumenTable.GSI1)
                .keyConditionExpression("gsi1pk = :creator")
                .expressionAttributeValues(Map.of(":creator", AttributeValue.fromS(LumenTable.creatorGsiPk(creatorId)))))
                .items();
        assertThat(byCreator).extracting(item -> item.get(LumenTable.PK).s())
                .containsExactly(LumenTable.personaPk(persona.id()));
        // and the table's CREATOR# partition holds the profile and the document, no persona
        List<Map<String, AttributeValue>> partition = LocalDynamoDb.client().query(q -> q
                .tableName(TABLE)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LumenTable.creatorPk(creatorId)))))
                .items();
        assertThat(partition).extracting(item -> item.get(LumenTable.SK).s())
                .containsExactly(LumenTable.documentSk(first.documentId()), LumenTable.PROFILE);
    }

    private static KnowledgeDocument document(String creatorId, Instant createdAt) {
        return new KnowledgeDocument(Ids.random(), creatorId, "Notes", ContentType.TEXT, Map.of("k", "v"),
                DocumentStatus.PENDING, null, 0, 0, 10, 1, createdAt, createdAt);
    }
}
