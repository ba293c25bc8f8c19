package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.contract.SnapshotStoreContract;
import dev.lumen.domain.Ids;
import dev.lumen.domain.error.PayloadTooLargeException;
import dev.lumen.domain.snapshot.Snapshot;
import dev.lumen.domain.snapshot.SnapshotKind;
import dev.lumen.domain.snapshot.SnapshotReason;
import dev.lumen.domain.snapshot.SnapshotStore;
import dev.lumen.domain.snapshot.Snapshots;
import dev.lumen.domain.snapshot.StoredSnapshot;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbSnapshotStoreTest extends SnapshotStoreContract {
    private static final String TABLE = LocalDynamoDb.newTable();

    @Override
    protected SnapshotStore newStore() {
        return new DynamoDbSnapshotStore(LocalDynamoDb.client(), TABLE);
    }

    /** Rewrites the binary attribute in place, the way a bad write or bit rot would. */
    @Override
    protected void corrupt(SnapshotKind kind, String id, long version, int byteIndex) {
        Map<String, AttributeValue> key = AttributeValues.key(LumenTable.snapshotPk(kind.slug(), id),
                LumenTable.snapshotSk(version));
        byte[] bytes = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE).key(key)).item().get("state").b()
                .asByteArray();
        bytes[byteIndex] ^= 0x01;
        LocalDynamoDb.client().updateItem(r -> r.tableName(TABLE).key(key).updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromB(SdkBytes.fromByteArray(bytes)))));
    }

    @Test
    void aStateOverTheItemBudgetIsRefusedWith413AndNothingIsStored() {
        String id = "p-" + Ids.random();
        byte[] big = new byte[DynamoDbSnapshotStore.MAX_STATE_BYTES + 1];
        StoredSnapshot tooBig = new StoredSnapshot(new Snapshot(SnapshotKind.PERSONA, id, 1, Instant.now(),
                SnapshotReason.MANUAL, Snapshots.sha256(big), big.length), big);
        assertThatThrownBy(() -> store().put(tooBig)).isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("at most");
        assertThat(store().versions(SnapshotKind.PERSONA, id, 10)).isEmpty();
    }

    @Test
    void theItemUsesTheDocumentedKeys() {
        String id = "p-" + Ids.random();
        byte[] bytes = {1, 2, 3};
        store().put(new StoredSnapshot(new Snapshot(SnapshotKind.PERSONA, id, 7, Instant.now(), SnapshotReason.SCHEDULED,
                Snapshots.sha256(bytes), 3), bytes));
        var item = LocalDynamoDb.client().getItem(r -> r.tableName(TABLE).key(AttributeValues.key(
                "SNAPSHOT#persona#" + id, "V#000000000007"))).item();
        assertThat(item).containsKey("state");
        assertThat(item.get("state").b().asByteArray()).containsExactly(1, 2, 3);
    }
}
