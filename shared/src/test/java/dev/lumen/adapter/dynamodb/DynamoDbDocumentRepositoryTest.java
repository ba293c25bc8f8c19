package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.DocumentRepositoryContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.knowledge.ContentType;
import dev.lumen.domain.knowledge.DocumentRepository;
import dev.lumen.domain.knowledge.DocumentStatus;
import dev.lumen.domain.knowledge.KnowledgeDocument;
import dev.lumen.testing.LocalDynamoDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class DynamoDbDocumentRepositoryTest extends DocumentRepositoryContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected DocumentRepository newRepository() {
        return new DynamoDbDocumentRepository(LocalDynamoDb.client(), TABLE);
    }

    @Test
    void aDocumentIsOneItemInItsCreatorsPartitionWithItsMetadataAsAMap() {
        // GIVEN
        KnowledgeDocument document = new KnowledgeDocument(Ids.random(), Ids.random(), "T",
                ContentType.TEXT, Map.of("topic", "sleep"), DocumentStatus.PENDING, null,
                0, 0, 1, 1, CREATED, CREATED);

        // WHEN
        newRepository().save(document);

        // THEN
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE)
                .key(AttributeValues.key("CREATOR#" + document.creatorId(), "DOC#" + document.documentId()))).item();
        assertThat(item).isNotEmpty().doesNotContainKeys(LumenTable.GSI1_PK, LumenTable.GSI1_SK, "reason");
        assertThat(item.get("metadata").m()).isEqualTo(Map.of("topic", AttributeValue.fromS("sleep")));
    }

    @Test
    void updateStateIsOneConditionalUpdate() {
        // GIVEN
        KnowledgeDocument document = document(Ids.random(), Ids.random(), CREATED);
        newRepository().save(document);
        RecordingDynamoDbClient recording = new RecordingDynamoDbClient(LocalDynamoDb.client());

        // WHEN
        boolean updated = new DynamoDbDocumentRepository(recording.client(), TABLE).updateState(document.creatorId(),
                document.documentId(), 1, DocumentStatus.PENDING, null, 1, 2, CREATED.plusSeconds(1));

        // THEN
        assertThat(updated).isTrue();
        assertThat(recording.calls()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("updateItem");
            assertThat(((UpdateItemRequest) call.request()).conditionExpression()).isEqualTo("#revision = :revision");
        });
    }

    @Test
    void listReadsEveryPageOfTheQuery() {
        // GIVEN more documents than fit on one page
        String creator = Ids.random();
        List<KnowledgeDocument> saved = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            KnowledgeDocument document = document(creator, "doc-" + i, CREATED.plusSeconds(i));
            newRepository().save(document);
            saved.add(0, document);
        }
        RecordingDynamoDbClient recording = new RecordingDynamoDbClient(LocalDynamoDb.client(), 2);

        // WHEN
        List<KnowledgeDocument> listed = new DynamoDbDocumentRepository(recording.client(), TABLE).list(creator);

        // THEN
        assertThat(listed).containsExactlyElementsOf(saved);
        assertThat(recording.calls()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(call -> assertThat(call.operation()).isEqualTo("query"));
    }
}
