package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.EscalationRepositoryContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationRepository;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbEscalationRepositoryTest extends EscalationRepositoryContract {
    private String table;

    @Override
    protected EscalationRepository newRepository() {
        // A table per case: the contract lists every escalation of a status.
        table = LocalDynamoDb.newTable();
        return new DynamoDbEscalationRepository(LocalDynamoDb.client(), table);
    }

    @Test
    void anEscalationIsOneItemIndexedByStatusAndCreationTime() {
        // GIVEN
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        Escalation raised = escalation(Ids.random(), at, "u1");

        // WHEN
        newRepository().create(raised);

        // THEN
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(AttributeValues.key(LumenTable.escalationPk(raised.escalationId()), LumenTable.ESCALATION))).item();
        assertThat(item.get(LumenTable.GSI1_PK).s()).isEqualTo("ESCALATIONS#OPEN");
        assertThat(item.get(LumenTable.GSI1_SK).s()).isEqualTo(LumenTable.escalationGsiSk(at, raised.escalationId()));
        assertThat(item.get("notified").bool()).isFalse();
    }
}
