package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.s;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The one query shape the single table is read with: a partition's items whose sort key starts with a prefix. */
final class PrefixQuery {

    private PrefixQuery() {
    }

    /** Strongly consistent, ascending by sort key; callers add paging, limit or direction. */
    static QueryRequest.Builder of(String tableName, String pk, String skPrefix) {
        return QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#sk", LumenTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(skPrefix)))
                .consistentRead(true);
    }
}
