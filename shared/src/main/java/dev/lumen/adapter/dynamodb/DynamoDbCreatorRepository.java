package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalInstant;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalString;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.knowledge.Creator;
import dev.lumen.domain.knowledge.CreatorRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link CreatorRepository} on the single table (see {@link LumenTable}): the profile is the
 * {@code PROFILE} item of the creator's partition, beside its documents. A save replaces it whole
 * (last writer wins: a profile is edited by its creator, not by concurrent workers).
 */
public final class DynamoDbCreatorRepository implements CreatorRepository {
    private static final String CREATOR_ID = "creatorId";
    private static final String NAME = "name";
    private static final String EXPERTISE = "expertise";
    private static final String METHODOLOGY = "methodology";
    private static final String COMMUNICATION_STYLE = "communicationStyle";
    private static final String UPDATED_AT = "updatedAt";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbCreatorRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public void save(Creator creator) {
        client.putItem(r -> r.tableName(tableName).item(item(creator)));
    }

    @Override
    public Optional<Creator> find(String creatorId) {
        Map<String, AttributeValue> item = client.getItem(r -> r
                .tableName(tableName)
                .key(key(LumenTable.creatorPk(creatorId), LumenTable.PROFILE))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Creator(string(item, CREATOR_ID), optionalString(item, NAME),
                optionalString(item, EXPERTISE), optionalString(item, METHODOLOGY),
                optionalString(item, COMMUNICATION_STYLE), optionalInstant(item, UPDATED_AT)));
    }

    /** The record's fields are not validated here; a null one is left out and reads back as null. */
    private static Map<String, AttributeValue> item(Creator creator) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.creatorPk(creator.creatorId())));
        item.put(LumenTable.SK, s(LumenTable.PROFILE));
        item.put(LumenTable.TYPE, s("CREATOR"));
        item.put(CREATOR_ID, s(creator.creatorId()));
        putIfPresent(item, NAME, creator.name());
        putIfPresent(item, EXPERTISE, creator.expertise());
        putIfPresent(item, METHODOLOGY, creator.methodology());
        putIfPresent(item, COMMUNICATION_STYLE, creator.communicationStyle());
        if (creator.updatedAt() != null) {
            item.put(UPDATED_AT, AttributeValues.instant(creator.updatedAt()));
        }
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
