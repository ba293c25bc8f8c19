package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.decimal;
import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalInstant;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalString;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.proactive.Channel;
import dev.lumen.domain.proactive.ProactiveMessage;
import dev.lumen.domain.proactive.ProactiveOutbox;
import dev.lumen.domain.proactive.ProactiveState;
import dev.lumen.domain.proactive.Trigger;
import dev.lumen.domain.proactive.TriggerType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * {@link ProactiveOutbox} on the single table (see {@link LumenTable}): one item per message in the
 * user's {@code PROACTIVE#} partition, keyed by the message id, so the conditional put on the key is
 * the "plan nothing twice" guard. The partition stays small — at most a few messages a day, removed
 * by TTL after {@link #RETENTION}, longer than any cap window — so {@link #recent} reads it with one
 * consistent Query and filters on the planning time.
 *
 * <p>A PLANNED message not yet queued also sits in the GSI's {@code PROACTIVE_DUE} time line
 * ({@code gsi1sk = {deliverAt}#{userId}#{messageId}}): the dispatcher's Query with
 * {@code gsi1sk <= }{@link LumenTable#timeKeyBound} finds what is due without a scan. Queueing,
 * sending and failing remove the GSI attributes in the same conditional update that checks the
 * state, so a message leaves the time line exactly once.
 */
public final class DynamoDbProactiveOutbox implements ProactiveOutbox {
    /** How long a message is kept: longer than the per-type cap window (a week by default). */
    public static final Duration RETENTION = Duration.ofDays(35);
    private static final String ID = "messageId";
    private static final String USER_ID = "userId";
    private static final String PERSONA_ID = "personaId";
    private static final String TRIGGER = "trigger";
    private static final String PRIORITY = "priority";
    private static final String EVIDENCE = "evidence";
    private static final String TEXT = "text";
    private static final String PLANNED_AT = "plannedAt";
    private static final String PLANNED_KEY = "plannedKey";
    private static final String DELIVER_AT = "deliverAt";
    private static final String CHANNEL = "channel";
    private static final String STATE = "state";
    private static final String SETTLED_AT = "settledAt";
    private static final String FAILURE = "failure";
    private static final String QUEUED_AT = "queuedAt";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDbProactiveOutbox(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public boolean add(ProactiveMessage message) {
        return PutIfAbsent.put(client, tableName, item(message));
    }

    @Override
    public List<ProactiveMessage> recent(String userId, Instant since) {
        QueryRequest query = QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .filterExpression("#planned >= :since")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#planned", PLANNED_KEY))
                .expressionAttributeValues(Map.of(":pk", s(LumenTable.proactivePk(userId)),
                        ":since", s(LumenTable.sortableInstant(since))))
                .build();
        List<ProactiveMessage> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : client.queryPaginator(query).items()) {
            found.add(message(item));
        }
        found.sort(Comparator.comparing(ProactiveMessage::plannedAt).thenComparing(ProactiveMessage::id));
        return List.copyOf(found);
    }

    @Override
    public List<ProactiveMessage> latest(String userId, int limit) {
        List<ProactiveMessage> all = new ArrayList<>(recent(userId, Instant.EPOCH));
        java.util.Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(Math.max(0, limit), all.size())));
    }

    @Override
    public Optional<ProactiveMessage> find(String userId, String messageId) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(AttributeValues.key(LumenTable.proactivePk(userId), LumenTable.proactiveSk(messageId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(message(item));
    }

    @Override
    public List<ProactiveMessage> due(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        QueryRequest query = QueryRequest.builder().tableName(tableName).indexName(LumenTable.GSI1)
                .keyConditionExpression("#gpk = :due AND #gsk <= :bound")
                .expressionAttributeNames(Map.of("#gpk", LumenTable.GSI1_PK, "#gsk", LumenTable.GSI1_SK))
                .expressionAttributeValues(Map.of(":due", s(LumenTable.PROACTIVE_DUE),
                        ":bound", s(LumenTable.timeKeyBound(now))))
                .limit(limit)
                .build();
        List<ProactiveMessage> found = new ArrayList<>();
        // One page: at most `limit` items, the earliest first; the next run reads on.
        for (Map<String, AttributeValue> item : client.query(query).items()) {
            ProactiveMessage message = message(item);
            if (message.state() == ProactiveState.PLANNED) {
                found.add(message);
            }
        }
        return List.copyOf(found);
    }

    @Override
    public boolean markQueued(String userId, String messageId) {
        return update(userId, messageId, "SET #queued = :at REMOVE #gpk, #gsk",
                Map.of(":at", s(Instant.now().toString())), true);
    }

    @Override
    public boolean markSent(String userId, String messageId, Instant at) {
        return update(userId, messageId, "SET #state = :next, #settled = :at REMOVE #gpk, #gsk",
                Map.of(":next", s(ProactiveState.SENT.name()), ":at", instant(at)), false);
    }

    @Override
    public boolean markFailed(String userId, String messageId, Instant at, String reason) {
        return update(userId, messageId, "SET #state = :next, #settled = :at, #failure = :why REMOVE #gpk, #gsk",
                Map.of(":next", s(ProactiveState.FAILED.name()), ":at", instant(at),
                        ":why", s(reason == null || reason.isBlank() ? "unknown" : reason)), false);
    }

    /**
     * One conditional update of a PLANNED message ({@code dueOnly}: and still on the due time line).
     * False when the condition fails: settled, queued already, erased or never there.
     */
    private boolean update(String userId, String messageId, String expression, Map<String, AttributeValue> values,
                           boolean dueOnly) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":planned", s(ProactiveState.PLANNED.name()));
        Map<String, String> names = new HashMap<>(Map.of("#pk", LumenTable.PK, "#state", STATE,
                "#gpk", LumenTable.GSI1_PK, "#gsk", LumenTable.GSI1_SK));
        if (expression.contains("#queued")) {
            names.put("#queued", QUEUED_AT);
        }
        if (expression.contains("#settled")) {
            names.put("#settled", SETTLED_AT);
        }
        if (expression.contains("#failure")) {
            names.put("#failure", FAILURE);
        }
        String condition = "attribute_exists(#pk) AND #state = :planned" + (dueOnly ? " AND attribute_exists(#gpk)" : "");
        try {
            client.updateItem(r -> r.tableName(tableName)
                    .key(AttributeValues.key(LumenTable.proactivePk(userId), LumenTable.proactiveSk(messageId)))
                    .updateExpression(expression).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(all));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public int eraseUser(String userId) {
        QueryRequest query = QueryRequest.builder().tableName(tableName).consistentRead(true)
                .keyConditionExpression("#pk = :pk")
                .projectionExpression("#pk, #sk")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#sk", LumenTable.SK))
                .expressionAttributeValues(Map.of(":pk", s(LumenTable.proactivePk(userId))))
                .build();
        int erased = 0;
        for (Map<String, AttributeValue> key : client.queryPaginator(query).items()) {
            // A few items per user: one delete each is simpler than batching and its retries.
            client.deleteItem(r -> r.tableName(tableName).key(Map.of(LumenTable.PK, key.get(LumenTable.PK),
                    LumenTable.SK, key.get(LumenTable.SK))));
            erased++;
        }
        return erased;
    }

    private static Map<String, AttributeValue> item(ProactiveMessage m) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.proactivePk(m.userId())));
        item.put(LumenTable.SK, s(LumenTable.proactiveSk(m.id())));
        item.put(LumenTable.TYPE, s("PROACTIVE"));
        item.put(ID, s(m.id()));
        item.put(USER_ID, s(m.userId()));
        if (m.personaId() != null) {
            item.put(PERSONA_ID, s(m.personaId()));
        }
        item.put(TRIGGER, s(m.trigger().type().name()));
        item.put(PRIORITY, n(m.trigger().priority()));
        Map<String, AttributeValue> evidence = new HashMap<>();
        m.trigger().evidence().forEach((k, v) -> evidence.put(k, s(v)));
        item.put(EVIDENCE, AttributeValue.fromM(evidence));
        item.put(TEXT, s(m.text()));
        item.put(PLANNED_AT, instant(m.plannedAt()));
        // fixed width, so the filter's text comparison is time order
        item.put(PLANNED_KEY, s(LumenTable.sortableInstant(m.plannedAt())));
        item.put(DELIVER_AT, instant(m.deliverAt()));
        item.put(CHANNEL, s(m.channel().name()));
        item.put(STATE, s(m.state().name()));
        if (m.state() == ProactiveState.PLANNED) {
            item.put(LumenTable.GSI1_PK, s(LumenTable.PROACTIVE_DUE));
            item.put(LumenTable.GSI1_SK, s(LumenTable.proactiveDueSk(m.deliverAt(), m.userId(), m.id())));
        }
        if (m.settledAt() != null) {
            item.put(SETTLED_AT, instant(m.settledAt()));
        }
        if (m.failure() != null) {
            item.put(FAILURE, s(m.failure()));
        }
        item.put(LumenTable.EXPIRES_AT, n(m.plannedAt().plus(RETENTION).getEpochSecond()));
        return item;
    }

    private static ProactiveMessage message(Map<String, AttributeValue> item) {
        Map<String, String> evidence = new HashMap<>();
        AttributeValue stored = item.get(EVIDENCE);
        if (stored != null && stored.hasM()) {
            stored.m().forEach((k, v) -> evidence.put(k, v.s()));
        }
        Trigger trigger = new Trigger(TriggerType.valueOf(string(item, TRIGGER)),
                decimal(item, PRIORITY), evidence);
        return new ProactiveMessage(string(item, ID), string(item, USER_ID), optionalString(item, PERSONA_ID), trigger,
                string(item, TEXT), instant(item, PLANNED_AT), instant(item, DELIVER_AT),
                Channel.valueOf(string(item, CHANNEL)), ProactiveState.valueOf(string(item, STATE)),
                optionalInstant(item, SETTLED_AT), optionalString(item, FAILURE));
    }
}
