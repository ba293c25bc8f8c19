package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.InteractionStores;
import dev.lumen.contract.PendingInteractionsContract;
import dev.lumen.contract.Turns;
import dev.lumen.domain.Ids;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.PendingInteraction;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbPendingInteractionsTest extends PendingInteractionsContract {
    private static final Instant AT = Instant.now().minusSeconds(3_600);

    /** The name of the table the current case's stores use. */
    private String table;

    @Override
    protected InteractionStores newStores() {
        // due() reads the whole PENDING partition: a table per case keeps cases from seeing each other's.
        table = LocalDynamoDb.newTable();
        return DynamoDbStores.over(table);
    }

    @Test
    void aParkedInteractionStaysStoredForAnOperatorOutsideTheIndex() {
        // GIVEN
        InteractionStores stores = newStores();
        InteractionRecorded interaction = Turns.store(stores.conversations(),
                Turns.turn(Ids.random(), Ids.random(), "user-7", AT, 0));
        Instant parkedAt = AT.plusSeconds(600);

        // WHEN
        new DynamoDbPendingInteractions(LocalDynamoDb.client(), table, Clock.fixed(parkedAt, ZoneOffset.UTC))
                .parked(interaction.interactionId());

        // THEN
        Map<String, AttributeValue> item = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(AttributeValues.key(LumenTable.pendingPk(interaction.interactionId()), LumenTable.PENDING))).item();
        assertThat(InteractionAttributes.read(item)).isEqualTo(interaction);
        assertThat(item.get("status").s()).isEqualTo("PARKED");
        assertThat(item.get("parkedAt").s()).isEqualTo(parkedAt.toString());
        assertThat(item).doesNotContainKeys(LumenTable.GSI1_PK, LumenTable.GSI1_SK);
    }

    @Test
    void dueKeepsReadingWhenAPageEndsEarly() {
        // GIVEN seven pending turns, and a store that answers at most three items per page
        InteractionStores stores = newStores();
        for (int i = 0; i < 7; i++) {
            Turns.store(stores.conversations(), Turns.turn(Ids.random(), Ids.random(), "u", AT.plusSeconds(i), i));
        }
        RecordingDynamoDbClient recording = new RecordingDynamoDbClient(LocalDynamoDb.client(), 3);

        // WHEN
        List<PendingInteraction> due = new DynamoDbPendingInteractions(recording.client(), table, Clock.systemUTC())
                .due(AT.plusSeconds(3_600), 5);

        // THEN two pages (3 + 2) make the five oldest
        assertThat(recording.calls()).hasSize(2);
        assertThat(due).hasSize(5).isSortedAccordingTo((a, b) -> a.nextAttemptAt().compareTo(b.nextAttemptAt()));
    }
}
