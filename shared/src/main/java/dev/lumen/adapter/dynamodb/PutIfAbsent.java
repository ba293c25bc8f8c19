package dev.lumen.adapter.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * The single-table's "write once" idiom in one place: a put conditional on the key not existing,
 * which is how redelivered messages, racing takers and repeated runs stay idempotent.
 */
final class PutIfAbsent {
    private static final String CONDITION = "attribute_not_exists(#pk)";

    private PutIfAbsent() {
    }

    /** The same condition as one write of a transaction: the transaction fails if the key exists. */
    static Put inTransaction(String tableName, Map<String, AttributeValue> item) {
        return Put.builder()
                .tableName(tableName)
                .item(item)
                .conditionExpression(CONDITION)
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK))
                .build();
    }

    /** Writes {@code item} unless an item with its key exists; false when one did (nothing written). */
    static boolean put(DynamoDbClient client, String tableName, Map<String, AttributeValue> item) {
        try {
            client.putItem(r -> r.tableName(tableName).item(item)
                    .conditionExpression(CONDITION)
                    .expressionAttributeNames(Map.of("#pk", LumenTable.PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
