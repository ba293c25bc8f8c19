package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;

import dev.lumen.domain.memory.PendingInteraction;
import dev.lumen.domain.memory.PendingInteractions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link PendingInteractions} on the single table: the pending copies that
 * {@link DynamoDbConversationRepository#appendTurn} writes with each turn and
 * {@link DynamoDbLearningRepository#apply} deletes. The GSI's {@code PENDING} partition orders
 * them by next attempt, so finding the due ones is one Query, never a Scan. The index is
 * eventually consistent: a copy deleted a moment ago may still be returned once, which costs one
 * harmless extra publish (the worker is idempotent).
 */
public final class DynamoDbPendingInteractions implements PendingInteractions {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbPendingInteractions.class);
    private static final String PARKED_AT = "parkedAt";

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoDbPendingInteractions(DynamoDbClient client, String tableName, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public List<PendingInteraction> due(Instant now, int limit) {
        List<PendingInteraction> due = new ArrayList<>(Math.max(0, Math.min(limit, 1_000)));
        Map<String, AttributeValue> startKey = null;
        while (due.size() < limit) {
            Map<String, AttributeValue> from = startKey;
            int remaining = limit - due.size();
            QueryResponse page = client.query(q -> q
                    .tableName(tableName)
                    .indexName(LumenTable.GSI1)
                    .keyConditionExpression("#gpk = :pending AND #gsk <= :now")
                    .expressionAttributeNames(Map.of("#gpk", LumenTable.GSI1_PK, "#gsk", LumenTable.GSI1_SK))
                    .expressionAttributeValues(Map.of(
                            ":pending", s(LumenTable.PENDING),
                            ":now", s(LumenTable.timeKeyBound(now))))
                    .scanIndexForward(true)
                    .limit(remaining)
                    .exclusiveStartKey(from));
            page.items().forEach(item -> due.add(PendingItem.read(item)));
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                break;
            }
            startKey = page.lastEvaluatedKey();
        }
        return List.copyOf(due);
    }

    @Override
    public void rescheduled(String interactionId, Instant nextAttemptAt) {
        update(interactionId, UpdateItemRequest.builder()
                .updateExpression("SET #next = :next, #gsk = :gsk ADD #attempts :one")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#status", PendingItem.STATUS,
                        "#next", PendingItem.NEXT_ATTEMPT_AT, "#gsk", LumenTable.GSI1_SK,
                        "#attempts", PendingItem.ATTEMPTS))
                .expressionAttributeValues(Map.of(":pending", s(LumenTable.PENDING),
                        ":next", AttributeValues.instant(nextAttemptAt),
                        ":gsk", s(LumenTable.pendingGsiSk(nextAttemptAt, interactionId)), ":one", n(1L))),
                "rescheduled");
    }

    @Override
    public void parked(String interactionId) {
        // Without its GSI attributes the item leaves the sweeper's index but stays readable by key.
        update(interactionId, UpdateItemRequest.builder()
                .updateExpression("SET #status = :parked, #parkedAt = :at REMOVE #gpk, #gsk")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#status", PendingItem.STATUS,
                        "#parkedAt", PARKED_AT, "#gpk", LumenTable.GSI1_PK, "#gsk", LumenTable.GSI1_SK))
                .expressionAttributeValues(Map.of(":pending", s(LumenTable.PENDING), ":parked", s(PendingItem.PARKED),
                        ":at", AttributeValues.instant(clock.instant()))),
                "parked");
    }

    /**
     * Changes a copy that is still pending. The condition keeps an update from bringing back a copy
     * the worker deleted meanwhile (an update of a missing key would create it) or from putting a
     * parked one back in the index.
     */
    private void update(String interactionId, UpdateItemRequest.Builder request, String what) {
        try {
            client.updateItem(request
                    .tableName(tableName)
                    .key(PendingItem.key(interactionId))
                    .conditionExpression("attribute_exists(#pk) AND #status = :pending")
                    .build());
        } catch (ConditionalCheckFailedException e) {
            LOG.atDebug().addKeyValue("interactionId", interactionId).addKeyValue("change", what)
                    .log("pending interaction is no longer pending; nothing to change");
        }
    }
}
