package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalString;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.domain.activity.ActivityKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link ActivityFeed} on the single table (see {@link LumenTable}): one partition per UTC hour
 * ({@code ACTIVITY#2026-12-07T08}), sorted by time then id, each entry expiring by TTL after the
 * retention. A window is read hour by hour, one Query each (at most {@link ActivityFeed#MAX_WINDOW}
 * of hours); an hour's partition spreads the write load of a busy day over 24 keys while keeping
 * reads to a few Queries per agent cycle. Recording is a put that only succeeds when the key is
 * new, so a redelivered event is stored once. Entries with a user are also indexed in the GSI under
 * {@code ACTIVITY_USER#{userId}}, which is how {@link #eraseUser} finds them.
 */
public final class DynamoDbActivityFeed implements ActivityFeed {
    /** Long enough for the slowest agent (every 45 min) to miss a day of cycles and still catch up. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(3);

    private static final String ID = "activityId";
    private static final String KIND = "kind";
    private static final String AT = "at";
    private static final String TENANT = "tenant";
    private static final String PERSONA_ID = "personaId";
    private static final String USER_ID = "userId";
    private static final String SESSION_ID = "sessionId";
    private static final String ROUTE = "route";
    private static final String MODEL = "model";
    private static final String LATENCY = "latencyMs";
    private static final String INPUT = "inputTokens";
    private static final String OUTPUT = "outputTokens";
    private static final String COST = "costUsd";
    private static final String ERROR = "error";
    private static final String ATTRIBUTES = "attributes";

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration retention;

    public DynamoDbActivityFeed(DynamoDbClient client, String tableName) {
        this(client, tableName, DEFAULT_RETENTION);
    }

    public DynamoDbActivityFeed(DynamoDbClient client, String tableName, Duration retention) {
        this.client = client;
        this.tableName = tableName;
        this.retention = retention;
    }

    @Override
    public void record(Activity activity) {
        PutIfAbsent.put(client, tableName, item(activity)); // false: recorded by an earlier delivery
    }

    /** The previous entry's delete and the new entry's put in one transaction: readers never see both or neither. */
    @Override
    public void replace(Activity previous, Activity next) {
        if (previous == null) {
            record(next);
            return;
        }
        client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(Map.of(
                        LumenTable.PK, s(LumenTable.activityPk(previous.at())),
                        LumenTable.SK, s(LumenTable.activitySk(previous.at(), previous.id()))))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item(next))).build()));
    }

    @Override
    public List<Activity> between(Instant from, Instant to, int limit) {
        Instant start = from.isBefore(to.minus(MAX_WINDOW)) ? to.minus(MAX_WINDOW) : from;
        List<Activity> found = new ArrayList<>();
        if (!start.isBefore(to) || limit < 1) {
            return found;
        }
        Instant lastHour = to.minusNanos(1).truncatedTo(ChronoUnit.HOURS);
        for (Instant hour = start.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(lastHour); hour = hour.plus(Duration.ofHours(1))) {
            // Keys are {instant}#{id}: every key of an entry at or after `start` sorts at or above
            // sortable(start), every key of an entry before `to` sorts below sortable(to).
            QueryRequest query = QueryRequest.builder().tableName(tableName).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lo AND :hi")
                    .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#sk", LumenTable.SK))
                    .expressionAttributeValues(Map.of(":pk", s(LumenTable.activityPk(hour)),
                            ":lo", s(LumenTable.sortableInstant(start)), ":hi", s(LumenTable.sortableInstant(to))))
                    .limit(Math.min(1000, limit - found.size()))
                    .build();
            for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
                found.add(activity(item));
                if (found.size() == limit) {
                    return found;
                }
            }
        }
        return found;
    }

    @Override
    public int eraseUser(String userId) {
        QueryRequest query = QueryRequest.builder().tableName(tableName).indexName(LumenTable.GSI1)
                .keyConditionExpression("#gpk = :gpk")
                .expressionAttributeNames(Map.of("#gpk", LumenTable.GSI1_PK))
                .expressionAttributeValues(Map.of(":gpk", s(LumenTable.activityUserGsiPk(userId))))
                .build();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            keys.add(Map.of(LumenTable.PK, item.get(LumenTable.PK), LumenTable.SK, item.get(LumenTable.SK)));
        }
        // Few per user (a few days of turns); erasure is rare, so one delete each keeps it simple.
        for (Map<String, AttributeValue> key : keys) {
            client.deleteItem(r -> r.tableName(tableName).key(key));
        }
        return keys.size();
    }

    private Map<String, AttributeValue> item(Activity a) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.activityPk(a.at())));
        item.put(LumenTable.SK, s(LumenTable.activitySk(a.at(), a.id())));
        item.put(LumenTable.TYPE, s("ACTIVITY"));
        item.put(LumenTable.EXPIRES_AT, n(a.at().plus(retention).getEpochSecond()));
        item.put(ID, s(a.id()));
        item.put(KIND, s(a.kind().name()));
        item.put(AT, instant(a.at()));
        putOptional(item, TENANT, a.tenant());
        putOptional(item, PERSONA_ID, a.personaId());
        putOptional(item, USER_ID, a.userId());
        if (a.userId() != null) {
            // Indexed by user, so that erasure is one Query rather than a read of every hour.
            item.put(LumenTable.GSI1_PK, s(LumenTable.activityUserGsiPk(a.userId())));
            item.put(LumenTable.GSI1_SK, s(LumenTable.activitySk(a.at(), a.id())));
        }
        putOptional(item, SESSION_ID, a.sessionId());
        item.put(ROUTE, s(a.route()));
        item.put(MODEL, s(a.model()));
        item.put(LATENCY, n(a.latencyMs()));
        item.put(INPUT, n(a.inputTokens()));
        item.put(OUTPUT, n(a.outputTokens()));
        item.put(COST, n(a.costUsd()));
        item.put(ERROR, AttributeValue.fromBool(a.error()));
        Map<String, AttributeValue> attributes = new HashMap<>();
        a.attributes().forEach((k, v) -> attributes.put(k, s(v)));
        item.put(ATTRIBUTES, AttributeValue.fromM(attributes));
        return item;
    }

    private static void putOptional(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static Activity activity(Map<String, AttributeValue> item) {
        Map<String, String> attributes = new HashMap<>();
        AttributeValue stored = item.get(ATTRIBUTES);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((k, v) -> attributes.put(k, v.s()));
        }
        return new Activity(string(item, ID), ActivityKind.valueOf(string(item, KIND)), instant(item, AT),
                optionalString(item, TENANT), optionalString(item, PERSONA_ID), optionalString(item, USER_ID),
                optionalString(item, SESSION_ID), string(item, ROUTE), string(item, MODEL),
                AttributeValues.integer(item, LATENCY), AttributeValues.integer(item, INPUT),
                AttributeValues.integer(item, OUTPUT), AttributeValues.decimal(item, COST),
                Boolean.TRUE.equals(item.get(ERROR).bool()), attributes);
    }
}
