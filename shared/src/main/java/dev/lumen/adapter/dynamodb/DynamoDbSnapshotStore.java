package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.error.PayloadTooLargeException;
import dev.lumen.domain.snapshot.Snapshot;
import dev.lumen.domain.snapshot.SnapshotKind;
import dev.lumen.domain.snapshot.SnapshotReason;
import dev.lumen.domain.snapshot.SnapshotStore;
import dev.lumen.domain.snapshot.StoredSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link SnapshotStore} on the single table: one item per version, {@code SNAPSHOT#{kind}#{id}} /
 * {@code V#{000000000001}}, the encoded state in a binary attribute. Versions are put only if
 * absent. A DynamoDB item holds at most 400 KB; states above {@link #MAX_STATE_BYTES} compressed
 * are refused (413) rather than split across items — a persona's or user's state is a few KiB.
 * Listing reads the meta attributes only, never the state.
 */
public final class DynamoDbSnapshotStore implements SnapshotStore {
    /** Leaves room under the 400 KB item limit for keys and meta attributes. */
    public static final int MAX_STATE_BYTES = 350 * 1024;
    private static final String STATE = "state";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbSnapshotStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public boolean put(StoredSnapshot snapshot) {
        Snapshot meta = snapshot.meta();
        byte[] bytes = snapshot.bytes();
        if (bytes.length > MAX_STATE_BYTES) {
            throw new PayloadTooLargeException("snapshot_too_large", meta.kind().slug() + " '" + meta.id()
                    + "' encodes to " + bytes.length + " bytes; a snapshot holds at most " + MAX_STATE_BYTES);
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.snapshotPk(meta.kind().slug(), meta.id())));
        item.put(LumenTable.SK, s(LumenTable.snapshotSk(meta.version())));
        item.put(LumenTable.TYPE, s("SNAPSHOT"));
        item.put("kind", s(meta.kind().slug()));
        item.put("id", s(meta.id()));
        item.put(LumenTable.VERSION, n(meta.version()));
        item.put("takenAt", AttributeValues.instant(meta.takenAt()));
        item.put("reason", s(meta.reason().wireName()));
        item.put("checksum", s(meta.checksum()));
        item.put("size", n((long) meta.size()));
        item.put(STATE, AttributeValue.fromB(SdkBytes.fromByteArray(bytes)));
        return PutIfAbsent.put(client, tableName, item);
    }

    @Override
    public List<Snapshot> versions(SnapshotKind kind, String id, int limit) {
        List<Snapshot> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = client.query(PrefixQuery.of(tableName, LumenTable.snapshotPk(kind.slug(), id),
                            LumenTable.SNAPSHOT_VERSION_PREFIX)
                    .scanIndexForward(false)
                    .limit(Math.min(limit - out.size(), 500))
                    .projectionExpression("#v, #takenAt, #reason, #checksum, #size")
                    .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#sk", LumenTable.SK,
                            "#v", LumenTable.VERSION, "#takenAt", "takenAt", "#reason", "reason",
                            "#checksum", "checksum", "#size", "size"))
                    .exclusiveStartKey(from)
                    .build());
            response.items().forEach(item -> out.add(meta(kind, id, item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null && out.size() < limit);
        return List.copyOf(out);
    }

    @Override
    public Optional<StoredSnapshot> get(SnapshotKind kind, String id, long version) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(AttributeValues.key(LumenTable.snapshotPk(kind.slug(), id), LumenTable.snapshotSk(version)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue state = item.get(STATE);
        byte[] bytes = state == null || state.b() == null ? new byte[0] : state.b().asByteArray();
        return Optional.of(new StoredSnapshot(meta(kind, id, item), bytes));
    }

    @Override
    public void delete(SnapshotKind kind, String id, long version) {
        client.deleteItem(r -> r.tableName(tableName)
                .key(AttributeValues.key(LumenTable.snapshotPk(kind.slug(), id), LumenTable.snapshotSk(version))));
    }

    private static Snapshot meta(SnapshotKind kind, String id, Map<String, AttributeValue> item) {
        return new Snapshot(kind, id, integer(item, LumenTable.VERSION), instant(item, "takenAt"),
                SnapshotReason.fromWire(string(item, "reason")), string(item, "checksum"), (int) integer(item, "size"));
    }
}
