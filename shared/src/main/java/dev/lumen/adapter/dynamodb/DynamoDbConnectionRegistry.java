package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.realtime.Connection;
import dev.lumen.domain.realtime.ConnectionRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link ConnectionRegistry} on the single table: each connection is two items written and deleted
 * together in one transaction, {@code CONNECTION#{id}} (every WebSocket event names only the
 * connection) and {@code CONNECTIONS#{userId} / CONNECTION#{id}} (all of a user's devices in one
 * Query). Both carry the TTL attribute; TTL deletion lags, so reads compare the exact expiry.
 */
public final class DynamoDbConnectionRegistry implements ConnectionRegistry {
    private static final String CONNECTION_ID = "connectionId";
    private static final String USER_ID = "userId";
    private static final String CONNECTED_AT = "connectedAt";
    /** The exact expiry; {@link LumenTable#EXPIRES_AT} holds whole seconds for TTL only. */
    private static final String CONNECTED_UNTIL = "connectedUntil";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbConnectionRegistry(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public void register(Connection connection) {
        // A connection id is never given to another user, but a re-registered one must not leave an
        // item behind in a previous user's partition.
        Optional<Map<String, AttributeValue>> previous = item(connection.connectionId());
        List<TransactWriteItem> writes = new ArrayList<>();
        previous.map(item -> string(item, USER_ID)).filter(user -> !user.equals(connection.userId())).ifPresent(user ->
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                        .key(key(LumenTable.userConnectionsPk(user), LumenTable.userConnectionSk(connection.connectionId()))))
                        .build()));
        writes.add(put(LumenTable.connectionPk(connection.connectionId()), LumenTable.CONNECTION, connection));
        writes.add(put(LumenTable.userConnectionsPk(connection.userId()),
                LumenTable.userConnectionSk(connection.connectionId()), connection));
        client.transactWriteItems(r -> r.transactItems(writes));
    }

    @Override
    public Optional<Connection> find(String connectionId, Instant now) {
        return item(connectionId).map(DynamoDbConnectionRegistry::connection).filter(c -> !c.expired(now));
    }

    @Override
    public List<Connection> ofUser(String userId, Instant now) {
        List<Connection> connections = new ArrayList<>();
        for (Map<String, AttributeValue> item : Partitions.items(client, Partitions.whole(tableName,
                LumenTable.userConnectionsPk(userId)))) {
            Connection connection = connection(item);
            if (!connection.expired(now)) {
                connections.add(connection);
            }
        }
        connections.sort(Comparator.comparing(Connection::connectedAt).thenComparing(Connection::connectionId));
        return List.copyOf(connections);
    }

    @Override
    public void remove(String connectionId) {
        item(connectionId).ifPresent(item -> client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                        .key(key(LumenTable.connectionPk(connectionId), LumenTable.CONNECTION))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                        .key(key(LumenTable.userConnectionsPk(string(item, USER_ID)),
                                LumenTable.userConnectionSk(connectionId)))).build())));
    }

    @Override
    public int eraseUser(String userId) {
        List<Map<String, AttributeValue>> items = Partitions.items(client,
                Partitions.whole(tableName, LumenTable.userConnectionsPk(userId)));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            keys.add(Partitions.key(item));
            keys.add(key(LumenTable.connectionPk(string(item, CONNECTION_ID)), LumenTable.CONNECTION));
        }
        Partitions.delete(client, tableName, keys);
        return items.size();
    }

    private Optional<Map<String, AttributeValue>> item(String connectionId) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(key(LumenTable.connectionPk(connectionId), LumenTable.CONNECTION))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private TransactWriteItem put(String pk, String sk, Connection connection) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
        item.put(LumenTable.TYPE, s("CONNECTION"));
        item.put(CONNECTION_ID, s(connection.connectionId()));
        item.put(USER_ID, s(connection.userId()));
        item.put(CONNECTED_AT, instant(connection.connectedAt()));
        item.put(CONNECTED_UNTIL, instant(connection.expiresAt()));
        // Rounded up: TTL must never remove a record that is still live.
        Instant expiry = connection.expiresAt();
        item.put(LumenTable.EXPIRES_AT, n(expiry.getEpochSecond() + (expiry.getNano() > 0 ? 1 : 0)));
        return TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)).build();
    }

    private static Connection connection(Map<String, AttributeValue> item) {
        return new Connection(string(item, CONNECTION_ID), string(item, USER_ID),
                instant(item, CONNECTED_AT), instant(item, CONNECTED_UNTIL));
    }
}
