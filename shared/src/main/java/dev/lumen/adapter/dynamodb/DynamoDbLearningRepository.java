package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.key;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;

import dev.lumen.adapter.dynamodb.LearningItems.Versioned;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.learning.ConversationPattern;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.InteractionLearning;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.TokenUsage;
import dev.lumen.domain.learning.TokenUsage.UsageScope;
import dev.lumen.domain.learning.UserEmotion;
import dev.lumen.domain.learning.UserProfile;
import dev.lumen.domain.memory.InteractionRecorded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link LearningRepository} on the single table (see {@link LumenTable}).
 *
 * <p>{@link #apply} is one TransactWriteItems: a receipt for the interaction (put only if absent:
 * the idempotency check, so a redelivered interaction changes nothing), the traits on the reply
 * message, the user's emotional state and profile (each replaced under a version condition), the
 * pattern count, the three usage totals, the statistics counters and the deletion of the pending
 * copy. Either all of it happens or none. When another worker changed the same user in between, the
 * transaction is cancelled; this class reads again, recomputes and retries, with a random pause so
 * that the competitors spread out.
 */
public final class DynamoDbLearningRepository implements LearningRepository {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLearningRepository.class);
    /** Enough for a burst of interactions of one user processed in parallel by a batch of workers. */
    static final int MAX_ATTEMPTS = 10;
    /** Longer than SQS keeps a message (14 days), so every redelivery still finds the receipt. */
    static final Duration RECEIPT_RETENTION = Duration.ofDays(30);
    private static final long MAX_PAUSE_MILLIS = 1_000;
    /** The receipt is always the transaction's first item: its cancellation reason says "applied before". */
    private static final int RECEIPT = 0;

    private static final String APPLIED_AT = "appliedAt";
    private static final String SCOPE = "scope";
    private static final String ID = "id";

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoDbLearningRepository(DynamoDbClient client, String tableName, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public boolean isApplied(String interactionId) {
        return get(LumenTable.receiptPk(interactionId), LumenTable.APPLIED) != null;
    }

    @Override
    public boolean apply(InteractionLearning learning) {
        InteractionRecorded interaction = learning.interaction();
        // Until the reply message turns out to be gone (expired by TTL), its traits are written too.
        boolean messageKept = !learning.traits().isEmpty();
        TransactionCanceledException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(receipt(interaction)).build());
            int messageIndex = -1;
            if (messageKept) {
                messageIndex = writes.size();
                writes.add(TransactWriteItem.builder().update(messageTraits(learning)).build());
            }
            StatsShards.Increments counts = StatsShards.of(StatsShards.MEMORIES, 1);
            if (interaction.userId() != null) {
                userWrites(learning, writes, counts);
            }
            usageWrites(interaction, writes);
            writes.add(StatsShards.bump(tableName, counts));
            writes.add(TransactWriteItem.builder().delete(Delete.builder()
                    .tableName(tableName)
                    .key(PendingItem.key(interaction.interactionId()))
                    .build()).build());
            try {
                client.transactWriteItems(r -> r.transactItems(writes));
                return true;
            } catch (TransactionCanceledException e) {
                List<String> codes = TransactionFailures.codes(e);
                if (failed(codes, RECEIPT)) {
                    LOG.atDebug().addKeyValue("interactionId", interaction.interactionId())
                            .log("interaction was applied before; nothing changed");
                    return false;
                }
                if (failed(codes, messageIndex)) {
                    // The message's condition is only attribute_exists: it expired before the worker
                    // got to it. What was learned about the user still counts.
                    LOG.atInfo().addKeyValue("interactionId", interaction.interactionId())
                            .log("reply message is gone; applying the interaction without its traits");
                    messageKept = false;
                    continue;
                }
                if (!TransactionFailures.lostRace(e)) {
                    throw e;
                }
                last = e;
                LOG.atDebug().addKeyValue("interactionId", interaction.interactionId()).addKeyValue("attempt", attempt)
                        .addKeyValue("reasons", codes).log("learning collided with another write for the user; retrying");
                pause(attempt);
            }
        }
        throw new UnavailableException("learning_contention",
                "what was learned from interaction '" + interaction.interactionId() + "' could not be stored after "
                        + MAX_ATTEMPTS + " attempts", last);
    }

    @Override
    public Optional<UserEmotion> emotionalState(String userId) {
        return Optional.ofNullable(get(LumenTable.userPk(userId), LumenTable.EMOTION)).map(LearningItems::emotion);
    }

    @Override
    public UserEmotion setEmotionalState(String userId, EmotionalState state) {
        TransactionCanceledException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<TransactWriteItem> writes = new ArrayList<>(2);
            StatsShards.Increments counts = new StatsShards.Increments();
            UserEmotion next = emotionWrite(userId, get(LumenTable.userPk(userId), LumenTable.EMOTION), state, writes,
                    counts);
            if (!counts.isEmpty()) {
                writes.add(StatsShards.bump(tableName, counts));
            }
            try {
                client.transactWriteItems(r -> r.transactItems(writes));
                return next;
            } catch (TransactionCanceledException e) {
                if (!TransactionFailures.lostRace(e)) {
                    throw e;
                }
                last = e;
                pause(attempt);
            }
        }
        throw new UnavailableException("learning_contention",
                "the emotional state of user '" + userId + "' could not be stored after " + MAX_ATTEMPTS + " attempts",
                last);
    }

    @Override
    public Optional<UserProfile> profile(String userId) {
        return Optional.ofNullable(get(LumenTable.userPk(userId), LumenTable.PROFILE)).map(LearningItems::profile);
    }

    @Override
    public void replaceProfile(UserProfile profile) {
        TransactionCanceledException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Versioned<UserProfile> stored = versioned(get(LumenTable.userPk(profile.userId()), LumenTable.PROFILE),
                    LearningItems::profile);
            Put put = versionedPut(LearningItems.profileItem(profile, stored.version() + 1), stored.version());
            try {
                client.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(put).build()));
                return;
            } catch (TransactionCanceledException e) {
                if (!TransactionFailures.lostRace(e)) {
                    throw e;
                }
                last = e;
                pause(attempt);
            }
        }
        throw new UnavailableException("learning_contention",
                "the profile of user '" + profile.userId() + "' could not be stored after " + MAX_ATTEMPTS + " attempts",
                last);
    }

    @Override
    public List<ConversationPattern> patterns(String personaId, String userId) {
        QueryRequest query = PrefixQuery.of(tableName, LumenTable.userPk(userId), LumenTable.patternPrefix(personaId)).build();
        List<ConversationPattern> patterns = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> patterns.add(LearningItems.pattern(item)));
        patterns.sort(Comparator.comparingLong(ConversationPattern::frequency).reversed()
                .thenComparing(ConversationPattern::lastUsedAt, Comparator.reverseOrder())
                .thenComparing(ConversationPattern::intent));
        return List.copyOf(patterns);
    }

    @Override
    public TokenUsage usage(UsageScope scope, String id) {
        Map<String, AttributeValue> item = get(LumenTable.usagePk(scope.name(), id), LumenTable.TOTAL);
        return item == null ? TokenUsage.none(scope, id) : LearningItems.usage(scope, id, item);
    }

    /**
     * Emotional state, profile and pattern of a known user, from one strongly consistent read of
     * the three: the shorter the time between read and write, the fewer retries under contention.
     */
    private void userWrites(InteractionLearning learning, List<TransactWriteItem> writes, StatsShards.Increments counts) {
        InteractionRecorded interaction = learning.interaction();
        String userId = interaction.userId();
        String patternSk = LumenTable.patternSk(interaction.personaId(), learning.intentKey());
        Map<String, Map<String, AttributeValue>> stored = readUser(userId,
                learning.emotion() == null ? List.of(LumenTable.PROFILE, patternSk)
                        : List.of(LumenTable.EMOTION, LumenTable.PROFILE, patternSk));
        if (learning.emotion() != null) {
            emotionWrite(userId, stored.get(LumenTable.EMOTION), learning.emotion(), writes, counts);
        }
        Versioned<UserProfile> profile = versioned(stored.get(LumenTable.PROFILE), LearningItems::profile);
        UserProfile merged = (profile.exists() ? profile.value() : UserProfile.empty(userId))
                .merge(learning.profile(), interaction.occurredAt());
        writes.add(TransactWriteItem.builder()
                .put(versionedPut(LearningItems.profileItem(merged, profile.version() + 1), profile.version()))
                .build());
        writes.add(TransactWriteItem.builder().update(patternCount(learning, stored.get(patternSk), counts)).build());
    }

    /**
     * The user's emotional state with {@code state} as current, over the stored item (null: none
     * yet); counts a user seen in a state for the first time.
     */
    private UserEmotion emotionWrite(String userId, Map<String, AttributeValue> item, EmotionalState state,
                                     List<TransactWriteItem> writes, StatsShards.Increments counts) {
        Versioned<UserEmotion> stored = versioned(item, LearningItems::emotion);
        UserEmotion next = stored.exists() ? stored.value().with(state) : UserEmotion.first(userId, state);
        if (!stored.exists()) {
            counts.plus(StatsShards.EMOTIONAL_STATES, 1);
        }
        writes.add(TransactWriteItem.builder()
                .put(versionedPut(LearningItems.emotionItem(next, stored.version() + 1), stored.version()))
                .build());
        return next;
    }

    /**
     * One more use of the pattern. The count itself is an atomic ADD; the condition only pins down
     * whether the pattern is new, which the statistics count, and the re-read on a retry corrects it.
     */
    private Update patternCount(InteractionLearning learning, Map<String, AttributeValue> stored,
                                StatsShards.Increments counts) {
        InteractionRecorded interaction = learning.interaction();
        Instant lastUsedAt = interaction.occurredAt();
        if (stored != null) {
            // Interactions may be applied out of order; the last use stays the latest one.
            Instant before = instant(stored, LearningItems.LAST_USED_AT);
            lastUsedAt = before.isAfter(lastUsedAt) ? before : lastUsedAt;
        } else {
            counts.plus(StatsShards.PATTERNS, 1);
        }
        return Update.builder()
                .tableName(tableName)
                .key(key(LumenTable.userPk(interaction.userId()),
                        LumenTable.patternSk(interaction.personaId(), learning.intentKey())))
                .updateExpression("SET #type = :type, #personaId = :personaId, #userId = :userId, #intent = :intent, "
                        + "#lastUsedAt = :lastUsedAt ADD #frequency :one")
                .conditionExpression(stored == null ? "attribute_not_exists(#pk)" : "attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#type", LumenTable.TYPE,
                        "#personaId", LearningItems.PERSONA_ID, "#userId", LearningItems.USER_ID,
                        "#intent", LearningItems.INTENT, "#lastUsedAt", LearningItems.LAST_USED_AT,
                        "#frequency", LearningItems.FREQUENCY))
                .expressionAttributeValues(Map.of(":type", s("PATTERN"), ":personaId", s(interaction.personaId()),
                        ":userId", s(interaction.userId()), ":intent", s(learning.intentKey()),
                        ":lastUsedAt", AttributeValues.instant(lastUsedAt), ":one", n(1L)))
                .build();
    }

    /** Usage totals of the user (anonymous ones under one id), the persona and the model. */
    private void usageWrites(InteractionRecorded interaction, List<TransactWriteItem> writes) {
        Usage usage = interaction.usage() == null ? Usage.NONE : interaction.usage();
        String userId = interaction.userId() == null ? TokenUsage.ANONYMOUS_USER : interaction.userId();
        writes.add(usageAdd(UsageScope.USER, userId, usage));
        writes.add(usageAdd(UsageScope.PERSONA, interaction.personaId(), usage));
        if (interaction.model() != null) {
            writes.add(usageAdd(UsageScope.MODEL, interaction.model(), usage));
        }
    }

    private TransactWriteItem usageAdd(UsageScope scope, String id, Usage usage) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(key(LumenTable.usagePk(scope.name(), id), LumenTable.TOTAL))
                .updateExpression("SET #type = :type, #scope = :scope, #id = :id "
                        + "ADD #interactions :one, #input :input, #output :output")
                .expressionAttributeNames(Map.of("#type", LumenTable.TYPE, "#scope", SCOPE, "#id", ID,
                        "#interactions", LearningItems.INTERACTIONS, "#input", LearningItems.INPUT_TOKENS,
                        "#output", LearningItems.OUTPUT_TOKENS))
                .expressionAttributeValues(Map.of(":type", s("USAGE"), ":scope", s(scope.name()), ":id", s(id),
                        ":one", n(1L), ":input", n((long) usage.inputTokens()),
                        ":output", n((long) usage.outputTokens())))
                .build()).build();
    }

    @Override
    public int eraseUser(String userId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : Partitions.items(client, Partitions.whole(tableName, LumenTable.userPk(userId)))) {
            keys.add(Partitions.key(item));
        }
        Map<String, AttributeValue> usage = AttributeValues.key(LumenTable.usagePk(UsageScope.USER.name(), userId), LumenTable.TOTAL);
        boolean hasUsage = client.getItem(r -> r.tableName(tableName).key(usage).consistentRead(true)).hasItem();
        if (hasUsage) {
            keys.add(usage);
        }
        Partitions.delete(client, tableName, keys);
        return keys.size();
    }

    /**
     * A receipt for an interaction whose user was erased: a late delivery of the interaction then
     * counts as applied and brings nothing of the user back.
     */
    static Map<String, AttributeValue> erasedReceipt(String interactionId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.receiptPk(interactionId)));
        item.put(LumenTable.SK, s(LumenTable.APPLIED));
        item.put(LumenTable.TYPE, s("RECEIPT"));
        item.put("interactionId", s(interactionId));
        item.put("erasedAt", AttributeValues.instant(now));
        item.put(LumenTable.EXPIRES_AT, n(now.plus(RECEIPT_RETENTION).getEpochSecond()));
        return item;
    }

    private Put receipt(InteractionRecorded interaction) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.receiptPk(interaction.interactionId())));
        item.put(LumenTable.SK, s(LumenTable.APPLIED));
        item.put(LumenTable.TYPE, s("RECEIPT"));
        item.put("interactionId", s(interaction.interactionId()));
        item.put(APPLIED_AT, AttributeValues.instant(now));
        item.put(LumenTable.EXPIRES_AT, n(now.plus(RECEIPT_RETENTION).getEpochSecond()));
        return PutIfAbsent.inTransaction(tableName, item);
    }

    /** The reply's item is found from the interaction: its id is the reply's id, its time the reply's time. */
    private Update messageTraits(InteractionLearning learning) {
        InteractionRecorded interaction = learning.interaction();
        return Update.builder()
                .tableName(tableName)
                .key(key(LumenTable.sessionPk(interaction.personaId(), interaction.sessionId()),
                        LumenTable.messageSk(interaction.occurredAt(), interaction.interactionId())))
                .updateExpression("SET #traits = :traits")
                // Without the condition an update of an expired message would create a stub item.
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", LumenTable.PK, "#traits", MessageTraits.ATTRIBUTE))
                .expressionAttributeValues(Map.of(":traits", MessageTraits.attribute(learning.traits())))
                .build();
    }

    /** Replaces an item only if it still has the version read ({@code 0}: only if there is none yet). */
    private Put versionedPut(Map<String, AttributeValue> item, long readVersion) {
        Put.Builder put = Put.builder().tableName(tableName).item(item);
        if (readVersion == 0) {
            return put.conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", LumenTable.PK)).build();
        }
        return put.conditionExpression("#version = :read")
                .expressionAttributeNames(Map.of("#version", LumenTable.VERSION))
                .expressionAttributeValues(Map.of(":read", n(readVersion)))
                .build();
    }

    private static <T> Versioned<T> versioned(Map<String, AttributeValue> item, Function<Map<String, AttributeValue>, T> read) {
        return item == null ? new Versioned<>(null, 0) : new Versioned<>(read.apply(item), LearningItems.version(item));
    }

    /** A strongly consistent read: a retry must see the write that beat it. Null when there is no item. */
    private Map<String, AttributeValue> get(String pk, String sk) {
        Map<String, AttributeValue> item = client.getItem(r -> r
                .tableName(tableName)
                .key(key(pk, sk))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** Several items of one user's partition by sort key, strongly consistent; absent ones are left out. */
    private Map<String, Map<String, AttributeValue>> readUser(String userId, List<String> sortKeys) {
        Map<String, Map<String, AttributeValue>> bySk = new HashMap<>();
        Map<String, KeysAndAttributes> wanted = Map.of(tableName, KeysAndAttributes.builder()
                .keys(sortKeys.stream().map(sk -> key(LumenTable.userPk(userId), sk)).toList())
                .consistentRead(true)
                .build());
        // BatchGetItem may leave keys unprocessed under load; ask again for exactly those.
        while (!wanted.isEmpty()) {
            Map<String, KeysAndAttributes> request = wanted;
            BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(request));
            response.responses().getOrDefault(tableName, List.of())
                    .forEach(item -> bySk.put(item.get(LumenTable.SK).s(), item));
            wanted = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return bySk;
    }

    private static boolean failed(List<String> codes, int index) {
        return index >= 0 && index < codes.size() && codes.get(index).equals(TransactionFailures.CONDITION_FAILED);
    }

    /** Full jitter on a growing ceiling: racing workers of one user pick different moments to retry. */
    private static void pause(int attempt) {
        long ceiling = Math.min(MAX_PAUSE_MILLIS, 10L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing what was learned", e);
        }
    }
}
