package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.presence.TypingRepository;
import dev.lumen.domain.presence.TypingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link TypingRepository} on the single table: one item per session and user, deleted when the
 * user stops typing and otherwise expired by TTL. TTL deletion lags by minutes to hours, so reads
 * compare the exact expiry themselves. Each item is also in the GSI's {@code TYPING} partition,
 * ordered by expiry, which is how {@link DynamoDbStatsRepository} counts the live ones.
 */
public final class DynamoDbTypingRepository implements TypingRepository {
    private static final String SESSION_ID = "sessionId";
    private static final String USER_ID = "userId";
    /** The exact expiry; {@link LumenTable#EXPIRES_AT} holds whole seconds for TTL only. */
    static final String TYPING_UNTIL = "typingUntil";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbTypingRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public void put(TypingStatus status) {
        Map<String, AttributeValue> key = key(LumenTable.typingPk(status.sessionId()), LumenTable.typingSk(status.userId()));
        if (!status.typing()) {
            client.deleteItem(r -> r.tableName(tableName).key(key));
            return;
        }
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(LumenTable.GSI1_PK, s(LumenTable.TYPING));
        item.put(LumenTable.GSI1_SK, s(LumenTable.typingGsiSk(status.expiresAt(), status.sessionId(), status.userId())));
        item.put(LumenTable.TYPE, s("TYPING"));
        item.put(SESSION_ID, s(status.sessionId()));
        item.put(USER_ID, s(status.userId()));
        item.put(TYPING_UNTIL, AttributeValues.instant(status.expiresAt()));
        // Rounded up: TTL must never remove an indicator that is still live.
        Instant expiry = status.expiresAt();
        long ttl = expiry.getEpochSecond() + (expiry.getNano() > 0 ? 1 : 0);
        item.put(LumenTable.EXPIRES_AT, n(ttl));
        client.putItem(r -> r.tableName(tableName).item(item));
    }

    @Override
    public List<TypingStatus> typing(String sessionId, Instant now) {
        QueryRequest query = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK))
                .expressionAttributeValues(Map.of(":pk", s(LumenTable.typingPk(sessionId))))
                .consistentRead(true)
                .build();
        List<TypingStatus> typing = new ArrayList<>();
        for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            Instant until = instant(item, TYPING_UNTIL);
            if (until.isAfter(now)) {
                typing.add(new TypingStatus(sessionId, string(item, USER_ID), true, until));
            }
        }
        return List.copyOf(typing);
    }
}
