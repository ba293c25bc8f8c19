package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.optionalString;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;
import static dev.lumen.adapter.dynamodb.AttributeValues.string;

import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.MessageFeedback;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.chat.UserSession;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.feedback.Satisfaction;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.safety.ReplyValidation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link ConversationRepository} on the single table (see {@link LumenTable}): one partition per
 * persona and session holding the session's META item and its messages in time order. Every item
 * carries {@link LumenTable#EXPIRES_AT}, so DynamoDB drops conversations {@code retention} after
 * their last activity without a cleanup job.
 *
 * <p>Each turn is stored in one transaction with its interaction's pending copy (the outbox read by
 * {@link DynamoDbPendingInteractions}) and a bump of the message counter (see {@link StatsShards}).
 */
public final class DynamoDbConversationRepository implements ConversationRepository {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbConversationRepository.class);
    /**
     * Two turns in one session at the same moment both update META, and any two turns may add to
     * the same stats shard; the loser tries again.
     */
    private static final int MAX_ATTEMPTS = 5;

    private static final String MESSAGE_ID = "messageId";
    private static final String PERSONA_ID = "personaId";
    private static final String SESSION_ID = "sessionId";
    private static final String USER_ID = "userId";
    private static final String ROLE = "role";
    private static final String CONTENT = "content";
    private static final String CREATED_AT = "createdAt";
    private static final String MODEL = "model";
    private static final String INPUT_TOKENS = "inputTokens";
    private static final String OUTPUT_TOKENS = "outputTokens";
    private static final String LAST_MESSAGE_AT = "lastMessageAt";
    private static final String MESSAGE_COUNT = "messageCount";
    private static final String TENANT = "tenant";
    private static final String VALIDATION = "validation";
    private static final String FEEDBACK = "feedback";
    private static final String RATED_AT = "ratedAt";
    private static final String MESSAGE_PK = "messagePk";
    private static final String MESSAGE_SK = "messageSk";
    private static final String RATINGS = "ratings";
    private static final String RATING_SUM = "ratingSum";

    private final DynamoDbClient client;
    private final String tableName;
    private final Duration retention;
    private final Clock clock;

    /**
     * @param retention how long messages are kept after they are written, and a session after its
     *                  last message
     */
    public DynamoDbConversationRepository(DynamoDbClient client, String tableName, Duration retention, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public List<Message> latest(String personaId, String sessionId, int limit) {
        List<Message> newestFirst = new ArrayList<>(Math.max(0, limit));
        Map<String, AttributeValue> startKey = null;
        // Newest first, stopping at `limit`; a page can end early at 1 MB, so keep asking for the rest.
        while (newestFirst.size() < limit) {
            Map<String, AttributeValue> from = startKey;
            int remaining = limit - newestFirst.size();
            QueryResponse page = client.query(PrefixQuery.of(tableName, LumenTable.sessionPk(personaId, sessionId),
                            LumenTable.MESSAGE_PREFIX)
                    .scanIndexForward(false)
                    .limit(remaining)
                    .exclusiveStartKey(from)
                    .build());
            page.items().forEach(item -> newestFirst.add(message(item)));
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                break;
            }
            startKey = page.lastEvaluatedKey();
        }
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
    }

    @Override
    public void appendTurn(Message userMessage, Message reply, InteractionRecorded interaction) {
        if (!userMessage.personaId().equals(reply.personaId()) || !userMessage.sessionId().equals(reply.sessionId())) {
            throw new IllegalArgumentException("a turn's two messages must belong to one persona and session");
        }
        requireInteractionOf(reply, interaction);
        for (int attempt = 1; ; attempt++) {
            // Built per attempt: each one picks a new random stats shard, away from the one that collided.
            List<TransactWriteItem> writes = new ArrayList<>(List.of(
                    TransactWriteItem.builder().put(newMessage(userMessage)).build(),
                    TransactWriteItem.builder().put(newMessage(reply)).build(),
                    TransactWriteItem.builder().update(touchSession(userMessage, reply)).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(tableName).item(PendingItem.of(interaction))).build(),
                    StatsShards.bump(tableName, StatsShards.of(StatsShards.MESSAGES, 2)),
                    TransactWriteItem.builder().put(messageRef(userMessage)).build(),
                    TransactWriteItem.builder().put(messageRef(reply)).build()));
            if (userMessage.userId() != null) {
                writes.add(TransactWriteItem.builder().put(userSessionRef(userMessage, interaction.tenant())).build());
            }
            try {
                client.transactWriteItems(r -> r.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                if (TransactionFailures.conditionFailed(e)) {
                    throw new ConflictException("message_exists", "a message of this turn is already stored");
                }
                if (!TransactionFailures.conflicted(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                // Nothing was written (the message puts are conditional anyway), so a retry is safe.
                LOG.atDebug().addKeyValue("personaId", userMessage.personaId())
                        .addKeyValue("sessionId", userMessage.sessionId()).addKeyValue("attempt", attempt)
                        .log("turn write collided with another (same session or stats shard); retrying");
                pause(attempt);
            }
        }
    }

    @Override
    public List<UserSession> sessionsOf(String userId) {
        List<UserSession> sessions = new ArrayList<>();
        for (Map<String, AttributeValue> item : Partitions.items(client,
                PrefixQuery.of(tableName, LumenTable.userPk(userId), LumenTable.USER_SESSION_PREFIX))) {
            sessions.add(new UserSession(string(item, PERSONA_ID), string(item, SESSION_ID), optionalString(item, TENANT)));
        }
        return List.copyOf(sessions);
    }

    @Override
    public List<String> eraseUserSession(String userId, UserSession session) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        List<String> messageIds = new ArrayList<>();
        String sessionPk = LumenTable.sessionPk(session.personaId(), session.sessionId());
        for (Map<String, AttributeValue> item : Partitions.items(client, Partitions.whole(tableName, sessionPk))) {
            // Only what this user wrote, or was answered: a session id is the client's choice.
            if (!userId.equals(optionalString(item, USER_ID))) {
                continue;
            }
            keys.add(Partitions.key(item));
            if (item.get(LumenTable.SK).s().startsWith(LumenTable.MESSAGE_PREFIX)) {
                String messageId = string(item, MESSAGE_ID);
                messageIds.add(messageId);
                // A reply's id is its interaction's id: the pending copy holds the turn's text.
                keys.add(Map.of(LumenTable.PK, s(LumenTable.pendingPk(messageId)), LumenTable.SK, s(LumenTable.PENDING)));
                keys.add(Map.of(LumenTable.PK, s(LumenTable.messageRefPk(messageId)), LumenTable.SK, s(LumenTable.MESSAGE_REF)));
            }
        }
        keys.add(Map.of(LumenTable.PK, s(LumenTable.typingPk(session.sessionId())), LumenTable.SK, s(LumenTable.typingSk(userId))));
        keys.add(Map.of(LumenTable.PK, s(LumenTable.userPk(userId)),
                LumenTable.SK, s(LumenTable.userSessionSk(session.personaId(), session.sessionId()))));
        // First marked as applied, so a turn still on its way through the queue cannot bring the user back.
        List<WriteRequest> receipts = new ArrayList<>();
        for (String messageId : messageIds) {
            Map<String, AttributeValue> receipt = DynamoDbLearningRepository.erasedReceipt(messageId, clock.instant());
            receipts.add(WriteRequest.builder().putRequest(r -> r.item(receipt)).build());
        }
        Partitions.write(client, tableName, receipts);
        Partitions.delete(client, tableName, keys);
        return List.copyOf(messageIds);
    }

    @Override
    public Optional<Message> find(String messageId) {
        Map<String, AttributeValue> ref = client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(AttributeValues.key(LumenTable.messageRefPk(messageId), LumenTable.MESSAGE_REF))).item();
        if (ref == null || ref.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(AttributeValues.key(string(ref, MESSAGE_PK), string(ref, MESSAGE_SK)))).item();
        // The reference may outlive its message by a moment (TTL deletes them separately).
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(message(item));
    }

    @Override
    public void rate(Message message, MessageFeedback rating) {
        MessageFeedback previous = message.feedback();
        Map<String, String> names = new HashMap<>(Map.of("#pk", LumenTable.PK, "#feedback", FEEDBACK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":feedback", feedback(rating)));
        String condition = previous == null ? "attribute_exists(#pk) AND attribute_not_exists(#feedback)"
                : "attribute_exists(#pk) AND #feedback.#ratedAt = :previousAt";
        if (previous != null) {
            names.put("#ratedAt", RATED_AT);
            values.put(":previousAt", AttributeValues.instant(previous.ratedAt()));
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(tableName)
                .key(AttributeValues.key(LumenTable.sessionPk(message.personaId(), message.sessionId()),
                        LumenTable.messageSk(message.createdAt(), message.messageId())))
                .updateExpression("SET #feedback = :feedback")
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).build());
        // Only the message's own user's ratings say how satisfied they are; an admin's do not count.
        long counted = 0;
        long sum = 0;
        if (previous != null && previous.ratedBy().equals(message.userId())) {
            counted--;
            sum -= previous.rating();
        }
        if (rating.ratedBy().equals(message.userId())) {
            counted++;
            sum += rating.rating();
        }
        if (message.userId() != null && (counted != 0 || sum != 0)) {
            long ratings = counted;
            long delta = sum;
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(tableName)
                    .key(AttributeValues.key(LumenTable.userPk(message.userId()), LumenTable.satisfactionSk(message.personaId())))
                    .updateExpression("SET #type = :type, #personaId = :personaId ADD #ratings :ratings, #sum :sum")
                    .expressionAttributeNames(Map.of("#type", LumenTable.TYPE, "#personaId", PERSONA_ID,
                            "#ratings", RATINGS, "#sum", RATING_SUM))
                    .expressionAttributeValues(Map.of(":type", s("SATISFACTION"), ":personaId", s(message.personaId()),
                            ":ratings", n(ratings), ":sum", n(delta)))).build());
        }
        try {
            client.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (TransactionFailures.conditionFailed(e)) {
                throw new ConflictException("feedback_changed",
                        "the message's feedback changed (or the message went) while rating it; try again");
            }
            throw e;
        }
    }

    @Override
    public List<Satisfaction> satisfaction(String userId) {
        List<Satisfaction> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : Partitions.items(client,
                PrefixQuery.of(tableName, LumenTable.userPk(userId), LumenTable.SATISFACTION_PREFIX))) {
            long ratings = integer(item, RATINGS, 0);
            if (ratings > 0) {
                out.add(new Satisfaction(string(item, PERSONA_ID), ratings, integer(item, RATING_SUM, 0)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * A message's reference: where its item is. Written with the turn and expiring with the message;
     * turns stored before references existed have none, so their messages are not found by id.
     */
    private Put messageRef(Message message) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.messageRefPk(message.messageId())));
        item.put(LumenTable.SK, s(LumenTable.MESSAGE_REF));
        item.put(LumenTable.TYPE, s("MESSAGE_REF"));
        item.put(MESSAGE_PK, s(LumenTable.sessionPk(message.personaId(), message.sessionId())));
        item.put(MESSAGE_SK, s(LumenTable.messageSk(message.createdAt(), message.messageId())));
        if (message.userId() != null) {
            item.put(USER_ID, s(message.userId()));
        }
        item.put(LumenTable.EXPIRES_AT, n(message.createdAt().plus(retention).getEpochSecond()));
        return Put.builder().tableName(tableName).item(item).build();
    }

    private static AttributeValue feedback(MessageFeedback rating) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("ratedBy", s(rating.ratedBy()));
        map.put("rating", n((long) rating.rating()));
        if (rating.comment() != null) {
            map.put("comment", s(rating.comment()));
        }
        map.put(RATED_AT, AttributeValues.instant(rating.ratedAt()));
        return AttributeValue.fromM(map);
    }

    private static MessageFeedback feedback(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> map = value.m();
        return new MessageFeedback(string(map, "ratedBy"), (int) integer(map, "rating"), optionalString(map, "comment"),
                instant(map, RATED_AT));
    }

    /** The user's reference to the session, with the tenant its memories live in. */
    private Put userSessionRef(Message userMessage, String tenant) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.userPk(userMessage.userId())));
        item.put(LumenTable.SK, s(LumenTable.userSessionSk(userMessage.personaId(), userMessage.sessionId())));
        item.put(LumenTable.TYPE, s("USER_SESSION"));
        item.put(PERSONA_ID, s(userMessage.personaId()));
        item.put(SESSION_ID, s(userMessage.sessionId()));
        if (tenant != null) {
            item.put(TENANT, s(tenant));
        }
        item.put(LumenTable.EXPIRES_AT, n(clock.instant().plus(retention).getEpochSecond()));
        return Put.builder().tableName(tableName).item(item).build();
    }

    /**
     * The worker finds the reply's item from the interaction alone (persona, session, id and time):
     * a mismatch here would make it write traits to a message that does not exist.
     */
    static void requireInteractionOf(Message reply, InteractionRecorded interaction) {
        Objects.requireNonNull(interaction, "a turn is stored with its interaction");
        if (!interaction.interactionId().equals(reply.messageId()) || !interaction.occurredAt().equals(reply.createdAt())
                || !interaction.personaId().equals(reply.personaId())
                || !interaction.sessionId().equals(reply.sessionId())) {
            throw new IllegalArgumentException(
                    "the interaction of a turn must carry the reply's id, time, persona and session");
        }
    }

    private Put newMessage(Message message) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.sessionPk(message.personaId(), message.sessionId())));
        item.put(LumenTable.SK, s(LumenTable.messageSk(message.createdAt(), message.messageId())));
        item.put(LumenTable.TYPE, s("MESSAGE"));
        item.put(MESSAGE_ID, s(message.messageId()));
        item.put(PERSONA_ID, s(message.personaId()));
        item.put(SESSION_ID, s(message.sessionId()));
        if (message.userId() != null) {
            item.put(USER_ID, s(message.userId()));
        }
        item.put(ROLE, s(message.role().name()));
        item.put(CONTENT, s(message.content()));
        item.put(CREATED_AT, AttributeValues.instant(message.createdAt()));
        if (message.model() != null) {
            item.put(MODEL, s(message.model()));
        }
        Usage usage = message.usage() == null ? Usage.NONE : message.usage();
        item.put(INPUT_TOKENS, n((long) usage.inputTokens()));
        item.put(OUTPUT_TOKENS, n((long) usage.outputTokens()));
        if (message.validation() != null) {
            item.put(VALIDATION, validation(message.validation()));
        }
        item.put(LumenTable.EXPIRES_AT, n(message.createdAt().plus(retention).getEpochSecond()));
        return PutIfAbsent.inTransaction(tableName, item);
    }

    /** Creates or refreshes the session's META item: first-seen values stay, activity and expiry move on. */
    private Update touchSession(Message userMessage, Message reply) {
        Map<String, String> names = new HashMap<>(Map.of(
                "#type", LumenTable.TYPE, "#personaId", PERSONA_ID, "#sessionId", SESSION_ID,
                "#createdAt", CREATED_AT, "#lastMessageAt", LAST_MESSAGE_AT, "#expiresAt", LumenTable.EXPIRES_AT,
                "#messageCount", MESSAGE_COUNT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":type", s("SESSION"), ":personaId", s(userMessage.personaId()),
                ":sessionId", s(userMessage.sessionId()), ":createdAt", AttributeValues.instant(userMessage.createdAt()),
                ":lastMessageAt", AttributeValues.instant(reply.createdAt()),
                ":expiresAt", n(clock.instant().plus(retention).getEpochSecond()),
                ":two", n(2L)));
        StringBuilder set = new StringBuilder("SET #type = :type, #personaId = :personaId, #sessionId = :sessionId, "
                + "#createdAt = if_not_exists(#createdAt, :createdAt), #lastMessageAt = :lastMessageAt, "
                + "#expiresAt = :expiresAt");
        if (userMessage.userId() != null) {
            set.append(", #userId = if_not_exists(#userId, :userId)");
            names.put("#userId", USER_ID);
            values.put(":userId", s(userMessage.userId()));
        }
        return Update.builder()
                .tableName(tableName)
                .key(Map.of(LumenTable.PK, s(LumenTable.sessionPk(userMessage.personaId(), userMessage.sessionId())),
                        LumenTable.SK, s(LumenTable.META)))
                .updateExpression(set + " ADD #messageCount :two")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private static Message message(Map<String, AttributeValue> item) {
        return new Message(string(item, MESSAGE_ID), string(item, PERSONA_ID), string(item, SESSION_ID),
                optionalString(item, USER_ID), Role.valueOf(string(item, ROLE)), string(item, CONTENT),
                instant(item, CREATED_AT), optionalString(item, MODEL),
                new Usage((int) integer(item, INPUT_TOKENS), (int) integer(item, OUTPUT_TOKENS)),
                MessageTraits.read(item), validation(item.get(VALIDATION)), feedback(item.get(FEEDBACK)));
    }

    /** The reply's validation scores, kept with it as a map. */
    private static AttributeValue validation(ReplyValidation scores) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("safety", AttributeValue.fromN(Double.toString(scores.safety())));
        map.put("grounding", AttributeValue.fromN(Double.toString(scores.grounding())));
        map.put("persona", AttributeValue.fromN(Double.toString(scores.persona())));
        map.put("regenerated", AttributeValue.fromBool(scores.regenerated()));
        map.put("issues", AttributeValue.fromL(scores.issues().stream().map(AttributeValue::fromS).toList()));
        return AttributeValue.fromM(map);
    }

    private static ReplyValidation validation(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> map = value.m();
        return new ReplyValidation(Double.parseDouble(map.get("safety").n()), Double.parseDouble(map.get("grounding").n()),
                Double.parseDouble(map.get("persona").n()), Boolean.TRUE.equals(map.get("regenerated").bool()),
                map.get("issues").l().stream().map(AttributeValue::s).toList());
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a turn", e);
        }
    }
}
