package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalInstant;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalString;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;
import static dev.lumen.adapter.dynamodb.AttributeValues.stringList;
import static dev.lumen.adapter.dynamodb.AttributeValues.strings;

import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.escalation.Escalation;
import dev.lumen.domain.escalation.EscalationRepository;
import dev.lumen.domain.escalation.EscalationStatus;
import dev.lumen.domain.safety.CrisisCategory;
import dev.lumen.domain.safety.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link EscalationRepository} on the single table (see {@link LumenTable}): one item per
 * escalation in its own partition, indexed in the GSI under {@code ESCALATIONS#{status}} by
 * creation time, so each status lists newest first with one Query and no Scan. Resolving moves the
 * item to the {@code RESOLVED} index partition in the same conditional update that checks it was open.
 */
public final class DynamoDbEscalationRepository implements EscalationRepository {
    private static final String ID = "escalationId";
    private static final String TENANT = "tenant";
    private static final String PERSONA_ID = "personaId";
    private static final String SESSION_ID = "sessionId";
    private static final String USER_ID = "userId";
    private static final String MESSAGE_ID = "messageId";
    private static final String SEVERITY = "severity";
    private static final String CATEGORIES = "categories";
    private static final String EVIDENCE = "evidence";
    private static final String LOCALE = "locale";
    private static final String STATUS = "status";
    private static final String NOTIFIED = "notified";
    private static final String CREATED_AT = "createdAt";
    private static final String RESOLVED_AT = "resolvedAt";
    private static final String RESOLVED_BY = "resolvedBy";
    private static final String NOTE = "note";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbEscalationRepository(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public void create(Escalation escalation) {
        if (!PutIfAbsent.put(client, tableName, item(escalation))) {
            throw new ConflictException("escalation_exists", "escalation '" + escalation.escalationId() + "' exists");
        }
    }

    @Override
    public Optional<Escalation> find(String escalationId) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName)
                .key(itemKey(escalationId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(escalation(item));
    }

    @Override
    public List<Escalation> list(EscalationStatus status, int limit) {
        QueryRequest query = byStatus(status).scanIndexForward(false).limit(limit).build();
        return client.query(query).items().stream().map(DynamoDbEscalationRepository::escalation).toList();
    }

    @Override
    public boolean resolve(String escalationId, Instant at, String resolvedBy, String note) {
        Map<String, String> names = new HashMap<>(Map.of("#status", STATUS, "#resolvedAt", RESOLVED_AT,
                "#gsi1pk", LumenTable.GSI1_PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":open", s(EscalationStatus.OPEN.name()),
                ":resolved", s(EscalationStatus.RESOLVED.name()), ":at", instant(at),
                ":gsi1pk", s(LumenTable.escalationsGsiPk(EscalationStatus.RESOLVED.name()))));
        StringBuilder update = new StringBuilder("SET #status = :resolved, #resolvedAt = :at, #gsi1pk = :gsi1pk");
        if (resolvedBy != null) {
            names.put("#resolvedBy", RESOLVED_BY);
            values.put(":by", s(resolvedBy));
            update.append(", #resolvedBy = :by");
        }
        if (note != null) {
            names.put("#note", NOTE);
            values.put(":note", s(note));
            update.append(", #note = :note");
        }
        try {
            // A missing item has no status, so the condition also keeps this from creating a stub.
            client.updateItem(r -> r.tableName(tableName).key(itemKey(escalationId))
                    .updateExpression(update.toString())
                    .conditionExpression("#status = :open")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void markNotified(String escalationId) {
        try {
            client.updateItem(r -> r.tableName(tableName).key(itemKey(escalationId))
                    .updateExpression("SET #notified = :true")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#notified", NOTIFIED, "#pk", LumenTable.PK))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException e) {
            // Unknown id: nothing to mark.
        }
    }

    @Override
    public List<Escalation> unnotified(int limit) {
        // Open escalations are few (each is a person someone should be talking to); reading the open
        // partition oldest first and keeping the un-notified ones is one Query, paged.
        QueryRequest query = byStatus(EscalationStatus.OPEN)
                .filterExpression("#notified = :false")
                .expressionAttributeNames(Map.of("#gpk", LumenTable.GSI1_PK, "#notified", NOTIFIED))
                .expressionAttributeValues(Map.of(":gpk", s(LumenTable.escalationsGsiPk(EscalationStatus.OPEN.name())),
                        ":false", AttributeValue.fromBool(false)))
                .build();
        List<Escalation> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            found.add(escalation(item));
            if (found.size() == limit) {
                break;
            }
        }
        return List.copyOf(found);
    }

    private QueryRequest.Builder byStatus(EscalationStatus status) {
        return QueryRequest.builder().tableName(tableName).indexName(LumenTable.GSI1)
                .keyConditionExpression("#gpk = :gpk")
                .expressionAttributeNames(Map.of("#gpk", LumenTable.GSI1_PK))
                .expressionAttributeValues(Map.of(":gpk", s(LumenTable.escalationsGsiPk(status.name()))));
    }

    private static Map<String, AttributeValue> itemKey(String escalationId) {
        return key(LumenTable.escalationPk(escalationId), LumenTable.ESCALATION);
    }

    private static Map<String, AttributeValue> item(Escalation e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.escalationPk(e.escalationId())));
        item.put(LumenTable.SK, s(LumenTable.ESCALATION));
        item.put(LumenTable.GSI1_PK, s(LumenTable.escalationsGsiPk(e.status().name())));
        item.put(LumenTable.GSI1_SK, s(LumenTable.escalationGsiSk(e.createdAt(), e.escalationId())));
        item.put(LumenTable.TYPE, s("ESCALATION"));
        item.put(ID, s(e.escalationId()));
        item.put(TENANT, s(e.tenant()));
        item.put(PERSONA_ID, s(e.personaId()));
        item.put(SESSION_ID, s(e.sessionId()));
        putOptional(item, USER_ID, e.userId());
        item.put(MESSAGE_ID, s(e.messageId()));
        item.put(SEVERITY, s(e.severity().name()));
        item.put(CATEGORIES, strings(e.categories().stream().map(Enum::name).sorted().toList()));
        item.put(EVIDENCE, strings(e.evidence()));
        item.put(LOCALE, s(e.locale()));
        item.put(STATUS, s(e.status().name()));
        item.put(NOTIFIED, AttributeValue.fromBool(e.notified()));
        item.put(CREATED_AT, instant(e.createdAt()));
        if (e.resolvedAt() != null) {
            item.put(RESOLVED_AT, instant(e.resolvedAt()));
        }
        putOptional(item, RESOLVED_BY, e.resolvedBy());
        putOptional(item, NOTE, e.note());
        return item;
    }

    private static void putOptional(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static Escalation escalation(Map<String, AttributeValue> item) {
        AttributeValue notified = item.get(NOTIFIED);
        return new Escalation(string(item, ID), string(item, TENANT), string(item, PERSONA_ID),
                string(item, SESSION_ID), optionalString(item, USER_ID), string(item, MESSAGE_ID),
                Severity.valueOf(string(item, SEVERITY)),
                stringList(item, CATEGORIES).stream().map(CrisisCategory::valueOf).collect(Collectors.toSet()),
                stringList(item, EVIDENCE), string(item, LOCALE), EscalationStatus.valueOf(string(item, STATUS)),
                notified != null && Boolean.TRUE.equals(notified.bool()), instant(item, CREATED_AT),
                optionalInstant(item, RESOLVED_AT), optionalString(item, RESOLVED_BY), optionalString(item, NOTE));
    }
}
