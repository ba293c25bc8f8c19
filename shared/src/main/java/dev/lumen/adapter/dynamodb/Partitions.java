package dev.lumen.adapter.dynamodb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Bulk reads and writes for erasure: every item a query finds (all pages), and batches of
 * writes that DynamoDB may only partly accept (the rest comes back as unprocessed and is sent
 * again with a growing pause).
 */
final class Partitions {
    /** BatchWriteItem takes at most 25 requests. */
    private static final int BATCH = 25;
    private static final int MAX_ROUNDS = 8;

    private Partitions() {
    }

    /** Every item the query matches, following the pages. */
    static List<Map<String, AttributeValue>> items(DynamoDbClient client, QueryRequest.Builder query) {
        return items(client, query.build());
    }

    static List<Map<String, AttributeValue>> items(DynamoDbClient client, QueryRequest query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = client.query(query.toBuilder().exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Every item of one partition, strongly consistent. */
    static QueryRequest.Builder whole(String tableName, String pk) {
        return QueryRequest.builder().tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValues.s(pk)))
                .consistentRead(true);
    }

    /** The table key of an item read from it. */
    static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(LumenTable.PK, item.get(LumenTable.PK), LumenTable.SK, item.get(LumenTable.SK));
    }

    /** Deletes the items with these keys; deleting a key that does not exist is not an error. */
    static void delete(DynamoDbClient client, String tableName, List<Map<String, AttributeValue>> keys) {
        List<WriteRequest> requests = new ArrayList<>(keys.size());
        for (Map<String, AttributeValue> key : new java.util.LinkedHashSet<>(keys)) {
            requests.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
        }
        write(client, tableName, requests);
    }

    /** Sends the writes in batches of 25, resending what DynamoDB left unprocessed. */
    static void write(DynamoDbClient client, String tableName, List<WriteRequest> requests) {
        for (int from = 0; from < requests.size(); from += BATCH) {
            List<WriteRequest> batch = requests.subList(from, Math.min(requests.size(), from + BATCH));
            Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(tableName, batch));
            for (int round = 1; !pending.isEmpty(); round++) {
                if (round > MAX_ROUNDS) {
                    throw new IllegalStateException("DynamoDB kept " + pending.get(tableName).size()
                            + " writes unprocessed after " + MAX_ROUNDS + " rounds");
                }
                Map<String, List<WriteRequest>> send = pending;
                BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(send));
                pending = response.hasUnprocessedItems() ? new HashMap<>(response.unprocessedItems()) : Map.of();
                pending.values().removeIf(List::isEmpty);
                if (!pending.isEmpty()) {
                    pause(round);
                }
            }
        }
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a batch", e);
        }
    }
}
