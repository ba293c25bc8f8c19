package dev.lumen.adapter.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The single-table design, in one place: attribute names, key builders and the table definition.
 *
 * <pre>
 * item            pk                          sk                                        gsi1pk / gsi1sk
 * persona         PERSONA#{id}                PROFILE                                   CREATOR#{creatorId} / PERSONA#{instant created}#{id}
 * own trait       PERSONA#{id}                TRAIT#{traitId}
 * trait audit     PERSONA#{id}                AUDIT#{traitId}#{instant}#{changeId}
 * session         SESSION#{personaId}#{sid}   META
 * message         SESSION#{personaId}#{sid}   MSG#{instant}#{messageId}
 * health probe    HEALTH                      HEALTH                                    (never written)
 * pending turn    PENDING#{interactionId}     PENDING                                   PENDING / {instant next attempt}#{interactionId}
 * receipt         INTERACTION#{id}            APPLIED
 * emotional state USER#{userId}               EMOTION
 * user profile    USER#{userId}               PROFILE
 * pattern         USER#{userId}               PATTERN#{personaId}#{intent}
 * user's session  USER#{userId}               SESSION#{personaId}#{sid}   (which sessions to erase, and their tenant)
 * satisfaction    USER#{userId}               SATISFACTION#{personaId}    (ratings count and sum; goes with the user's learning)
 * message ref     MESSAGE#{messageId}         REF                         (where the message is; written with the turn, TTL with it)
 * usage total     USAGE#{USER|PERSONA|MODEL}#{id}  TOTAL
 * ledger day      LEDGER#{USER|CREATOR|PERSONA|AGENT}#{id}  DAY#{yyyy-MM-dd}[#PERSONA#{personaId}]
 * ledger month    LEDGER#{USER|CREATOR|PERSONA|AGENT}#{id}  MONTH#{yyyy-MM}
 * ledger receipt  LEDGER_CALL#{callId}        RECORDED
 * stats shard     STATS                       SHARD#{0..15}
 * typing          TYPING#{sessionId}          USER#{userId}                             TYPING / {instant expiry}#{sessionId}#{userId}
 * creator profile CREATOR#{creatorId}         PROFILE
 * document        CREATOR#{creatorId}         DOC#{documentId}
 * escalation      ESCALATION#{escalationId}   ESCALATION                                ESCALATIONS#{OPEN|RESOLVED} / {instant created}#{escalationId}
 * custody agent   CUSTODY#{agent}             STANDING
 * custody run     CUSTODY#{agent}             RUN#{instant}#{runId}
 * custody answers CUSTODY#{agent}             TRANSCRIPT#{runId}
 * taught example  CUSTODY#{agent}             MATERIAL#{CATEGORY}#{testId}
 * transfer        CUSTODY#{student}           TRANSFER#{runId}#{CATEGORY}
 * agent run       AGENT#{agent}               RUN#{runId}                               AGENT_RUNS#{agent} / {instant started}#{runId} (TTL 90 days)
 * agent finding   FINDING#{agent}#{findingId} FINDING                                   FINDINGS#{agent} / {instant at}#{findingId} (TTL 90 days, configurable)
 * rate bucket     RATE#{callerKey}            BUCKET                                    (TTL once full again)
 * proposal        PROPOSAL#{proposalId}       PROPOSAL                                  PROPOSALS#{status} / {instant created}#{proposalId}
 * activity        ACTIVITY#{yyyy-MM-ddTHH}    {instant}#{activityId}                    ACTIVITY_USER#{userId} / {instant}#{activityId} (TTL a few days)
 * snapshot        SNAPSHOT#{kind}#{id}        V#{version, 12 digits}                    (state: binary, CBOR + DEFLATE)
 * proactive msg   PROACTIVE#{userId}          MSG#{messageId}                           PROACTIVE_DUE / {instant deliverAt}#{userId}#{messageId} while PLANNED and not queued (TTL 35 days)
 * connection      CONNECTION#{connectionId}   CONNECTION                                (WebSocket; TTL 2 hours)
 * user's conn.    CONNECTIONS#{userId}        CONNECTION#{connectionId}                 (the same record, found by user; TTL 2 hours)
 * goal status     GOALS#{userId}              GOAL#{goalId}
 * time zone       GOALS#{userId}              TIMEZONE
 * vector set      VECTORSET#{key}             CHUNK#{0000…} (float32 LE binary), MANIFEST (written last)   (TTL 30 days)
 * </pre>
 *
 * Within a persona's partition the sort keys order as {@code AUDIT#… < PROFILE < TRAIT#…}, so the
 * persona and its own traits are one contiguous range that excludes the (unbounded) audit trail.
 * Ids never contain {@code #} (see {@link dev.lumen.domain.Ids}), so {@code #} safely ends a prefix.
 * {@code {instant}} is {@link #sortableInstant(Instant)}: fixed width, so text order is time order.
 * A creator's partition holds its profile and its documents; personas name a creator only in the
 * GSI ({@code gsi1pk CREATOR#…}), so neither the table's nor the index's {@code CREATOR#} partitions
 * mix the two. Documents are listed with a {@code DOC#} prefix query, which leaves out the profile.
 *
 * <p>The GSI's {@code PENDING} and {@code TYPING} partitions are time lines: a Query with
 * {@code gsi1sk <= }{@link #timeKeyBound(Instant)} finds the pending turns (and, in {@link #PROACTIVE_DUE},
 * the proactive messages) due by then, one with
 * {@code >} the typing indicators still live. A parked pending turn and a cleared indicator leave
 * the index (parked: the GSI attributes are removed; cleared: the item is deleted).
 * Pending turns, receipts and typing indicators carry {@link #EXPIRES_AT}; the stats counters are
 * spread over {@link #STATS_SHARDS} items so that concurrent transactions rarely meet on one.
 */
public final class LumenTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    /** The TTL attribute: epoch seconds, a Number. DynamoDB deletes the item some time after it passes. */
    public static final String EXPIRES_AT = "expiresAt";
    /** Optimistic-concurrency counter of a trait item, starting at 1. */
    public static final String VERSION = "version";
    /** What kind of item this is; for people reading the table, not used in keys. */
    public static final String TYPE = "type";

    public static final String PROFILE = "PROFILE";
    public static final String META = "META";
    public static final String TRAIT_PREFIX = "TRAIT#";
    public static final String AUDIT_PREFIX = "AUDIT#";
    public static final String MESSAGE_PREFIX = "MSG#";
    /**
     * Upper bound of the persona's PROFILE + TRAIT# range: {@code $} is the character after {@code #},
     * so every {@code TRAIT#…} key sorts below it.
     */
    public static final String PERSONA_RANGE_END = "TRAIT$";
    public static final String HEALTH = "HEALTH";
    /** Sort key of a pending interaction, and the GSI partition of those still to be swept. */
    public static final String PENDING = "PENDING";
    /** Sort key of the receipt that says an interaction's learning was applied. */
    public static final String APPLIED = "APPLIED";
    public static final String EMOTION = "EMOTION";
    public static final String PATTERN_PREFIX = "PATTERN#";
    public static final String TOTAL = "TOTAL";
    public static final String STATS = "STATS";
    /** How many items the statistics counters are spread over. */
    public static final int STATS_SHARDS = 16;
    /** GSI partition of the live typing indicators. */
    public static final String TYPING = "TYPING";
    /** Sort-key prefix of a creator's documents: a Query with it lists them and leaves out the profile. */
    public static final String DOCUMENT_PREFIX = "DOC#";
    /** Prefix of a persona's sort key in its creator's GSI partition ({@link #personaGsiSk}). */
    public static final String PERSONA_GSI_PREFIX = "PERSONA#";

    /** UTC, always nine fraction digits: {@code 2024-05-01T10:15:30.120000000Z}. */
    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private LumenTable() {
    }

    public static String personaPk(String personaId) {
        return "PERSONA#" + personaId;
    }

    public static String creatorGsiPk(String creatorId) {
        return "CREATOR#" + creatorId;
    }

    /**
     * A persona's sort key in its creator's GSI partition: creation time, then id, so a Query in
     * descending order lists the creator's personas newest first, ties by id.
     */
    public static String personaGsiSk(Instant createdAt, String personaId) {
        return PERSONA_GSI_PREFIX + sortableInstant(createdAt) + "#" + personaId;
    }

    /** A creator's partition: its profile ({@link #PROFILE}) and its documents ({@link #documentSk}). */
    public static String creatorPk(String creatorId) {
        return "CREATOR#" + creatorId;
    }

    public static String documentSk(String documentId) {
        return DOCUMENT_PREFIX + documentId;
    }

    public static String escalationPk(String escalationId) {
        return "ESCALATION#" + escalationId;
    }

    /** Sort key of an escalation item, in its own partition. */
    public static final String ESCALATION = "ESCALATION";

    /** GSI partition of the escalations with a status: a Query lists them by creation time. */
    public static String escalationsGsiPk(String status) {
        return "ESCALATIONS#" + status;
    }

    public static String escalationGsiSk(Instant createdAt, String escalationId) {
        return sortableInstant(createdAt) + "#" + escalationId;
    }

    public static String traitSk(String traitId) {
        return TRAIT_PREFIX + traitId;
    }

    /** Prefix of one trait's audit records; the trailing {@code #} keeps trait "a" from matching "ab". */
    public static String auditPrefix(String traitId) {
        return AUDIT_PREFIX + traitId + "#";
    }

    public static String auditSk(String traitId, Instant at, String changeId) {
        return auditPrefix(traitId) + sortableInstant(at) + "#" + changeId;
    }

    public static String sessionPk(String personaId, String sessionId) {
        return "SESSION#" + personaId + "#" + sessionId;
    }

    /**
     * A message's sort key. Keeps the full precision of {@code createdAt}: the chat use case only
     * guarantees that a reply is later than its question, possibly by less than a millisecond.
     */
    public static String messageSk(Instant createdAt, String messageId) {
        return MESSAGE_PREFIX + sortableInstant(createdAt) + "#" + messageId;
    }

    /**
     * A message's reference item, written with its turn: it names the session partition and sort key,
     * so that a message is found by its id alone ({@code POST /api/messages/{id}/feedback}).
     */
    public static String messageRefPk(String messageId) {
        return "MESSAGE#" + messageId;
    }

    /** Sort key of a message's reference item. */
    public static final String MESSAGE_REF = "REF";

    /** Sort-key prefix of a user's satisfaction figures (one per persona), in the user's partition. */
    public static final String SATISFACTION_PREFIX = "SATISFACTION#";

    public static String satisfactionSk(String personaId) {
        return SATISFACTION_PREFIX + personaId;
    }

    public static String pendingPk(String interactionId) {
        return "PENDING#" + interactionId;
    }

    /** Orders the pending turns by when they are next due; the id keeps keys unique. */
    public static String pendingGsiSk(Instant nextAttemptAt, String interactionId) {
        return sortableInstant(nextAttemptAt) + "#" + interactionId;
    }

    public static String receiptPk(String interactionId) {
        return "INTERACTION#" + interactionId;
    }

    /** Sort key of an agent's custody standing, in the agent's partition. */
    public static final String CUSTODY_STANDING = "STANDING";
    /** Sort-key prefix of an agent's custody runs: a Query with it lists them in time order. */
    public static final String CUSTODY_RUN_PREFIX = "RUN#";

    public static String custodyPk(String agent) {
        return "CUSTODY#" + agent;
    }

    /** Sort key of one examination's graded answers. */
    public static String custodyTranscriptSk(String runId) {
        return "TRANSCRIPT#" + runId;
    }

    /** Sort-key prefix of the examples an agent was taught in a category ({@code MATERIAL#{CATEGORY}#}). */
    public static String materialPrefix(String category) {
        return "MATERIAL#" + category + "#";
    }

    public static String materialSk(String category, String testId) {
        return materialPrefix(category) + testId;
    }

    /** Sort-key prefix of the transfers an agent received (keyed by run, not time: a redelivered cycle writes the same key). */
    public static final String TRANSFER_PREFIX = "TRANSFER#";

    public static String transferSk(String runId, String category) {
        return TRANSFER_PREFIX + runId + "#" + category;
    }

    public static String custodyRunSk(Instant at, String runId) {
        return CUSTODY_RUN_PREFIX + sortableInstant(at) + "#" + runId;
    }

    /** Sort key of a proposal item, in its own partition. */
    public static final String PROPOSAL = "PROPOSAL";

    public static String proposalPk(String proposalId) {
        return "PROPOSAL#" + proposalId;
    }

    /** GSI partition of the proposals with a status: a Query lists them by creation time. */
    public static String proposalsGsiPk(String status) {
        return "PROPOSALS#" + status;
    }

    public static String proposalGsiSk(Instant createdAt, String proposalId) {
        return sortableInstant(createdAt) + "#" + proposalId;
    }

    /** The activity feed's partition for one UTC hour: a window is read one hour-partition at a time. */
    public static String activityPk(Instant at) {
        return "ACTIVITY#" + ACTIVITY_HOUR.format(at);
    }

    /** Time order inside the hour; the id keeps keys unique and makes recording idempotent. */
    public static String activitySk(Instant at, String activityId) {
        return sortableInstant(at) + "#" + activityId;
    }

    /** GSI partition of one user's activity entries: what erasure finds and deletes. */
    public static String activityUserGsiPk(String userId) {
        return "ACTIVITY_USER#" + userId;
    }

    private static final DateTimeFormatter ACTIVITY_HOUR =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Sort-key prefix of an agent's runs in its partition (keyed by run id, the put-if-absent guard). */
    public static final String AGENT_RUN_PREFIX = "RUN#";
    /** Sort key of a finding, in its own partition. */
    public static final String FINDING = "FINDING";

    /** An agent's partition: its runs, one item per run id (see {@link DynamoDbAgentRunRepository}). */
    public static String agentPk(String agent) {
        return "AGENT#" + agent;
    }

    public static String agentRunSk(String runId) {
        return AGENT_RUN_PREFIX + runId;
    }

    /** GSI partition of an agent's runs: a Query lists them by start time. */
    public static String agentRunsGsiPk(String agent) {
        return "AGENT_RUNS#" + agent;
    }

    /** A finding's own partition. The agent is part of it: run ids (and so finding ids) repeat across agents. */
    public static String findingPk(String agent, String findingId) {
        return "FINDING#" + agent + "#" + findingId;
    }

    /** GSI partition of an agent's findings: a Query lists them by time. */
    public static String findingsGsiPk(String agent) {
        return "FINDINGS#" + agent;
    }

    /** A caller's rate-limit token bucket (see {@link DynamoDbRateLimiter}). */
    public static String ratePk(String callerKey) {
        return "RATE#" + callerKey;
    }

    public static String userPk(String userId) {
        return "USER#" + userId;
    }

    /** Sort-key prefix of the user's session references in the user's partition. */
    public static final String USER_SESSION_PREFIX = "SESSION#";

    /** A user's reference to a session they wrote in, kept in the user's partition for erasure. */
    public static String userSessionSk(String personaId, String sessionId) {
        return USER_SESSION_PREFIX + personaId + "#" + sessionId;
    }

    /** Prefix of a user's patterns with one persona; the trailing {@code #} keeps persona "a" from matching "ab". */
    public static String patternPrefix(String personaId) {
        return PATTERN_PREFIX + personaId + "#";
    }

    /** The intent comes last: it is free text and may contain {@code #} without breaking the prefix above. */
    public static String patternSk(String personaId, String intent) {
        return patternPrefix(personaId) + intent;
    }

    /** @param scope {@code USER}, {@code PERSONA} or {@code MODEL} */
    public static String usagePk(String scope, String id) {
        return "USAGE#" + scope + "#" + id;
    }

    /** @param kind {@code USER}, {@code CREATOR} or {@code PERSONA}: whose model spending the partition sums */
    public static String ledgerPk(String kind, String id) {
        return "LEDGER#" + kind + "#" + id;
    }

    /** An account's totals on one UTC day; ISO dates sort in time order. */
    public static String ledgerDaySk(java.time.LocalDate day) {
        return "DAY#" + day;
    }

    /** An account's totals with one persona on one day: sorts right after the day's own item. */
    public static String ledgerDayPersonaSk(java.time.LocalDate day, String personaId) {
        return ledgerDaySk(day) + "#PERSONA#" + personaId;
    }

    /** Upper bound of a day range's sort keys: {@code ~} sorts after {@code #PERSONA#…}. */
    public static String ledgerDayRangeEnd(java.time.LocalDate lastDay) {
        return ledgerDaySk(lastDay) + "#~";
    }

    public static String ledgerMonthSk(java.time.YearMonth month) {
        return "MONTH#" + month;
    }

    /** The receipt that makes recording a model call idempotent. */
    public static String ledgerCallPk(String callId) {
        return "LEDGER_CALL#" + callId;
    }

    public static final String RECORDED = "RECORDED";

    public static String statsShardSk(int shard) {
        if (shard < 0 || shard >= STATS_SHARDS) {
            throw new IllegalArgumentException("stats shard must be 0.." + (STATS_SHARDS - 1) + ": " + shard);
        }
        return "SHARD#" + shard;
    }

    public static final String SNAPSHOT_VERSION_PREFIX = "V#";

    public static String snapshotPk(String kind, String id) {
        return "SNAPSHOT#" + kind + "#" + id;
    }

    /** Zero-padded so that text order is version order and a descending query reads newest first. */
    public static String snapshotSk(long version) {
        return SNAPSHOT_VERSION_PREFIX + String.format(Locale.ROOT, "%012d", version);
    }

    /** A user's proactive messages: one partition, bounded by TTL, read whole for the frequency caps. */
    public static String proactivePk(String userId) {
        return "PROACTIVE#" + userId;
    }

    public static String proactiveSk(String messageId) {
        return MESSAGE_PREFIX + messageId;
    }

    /** GSI partition of the proactive messages waiting for their delivery time (see {@link DynamoDbProactiveOutbox}). */
    public static final String PROACTIVE_DUE = "PROACTIVE_DUE";

    /** Orders the waiting proactive messages by delivery time; user and id keep keys unique. */
    public static String proactiveDueSk(Instant deliverAt, String userId, String messageId) {
        return sortableInstant(deliverAt) + "#" + userId + "#" + messageId;
    }

    /** A user's goal statuses and time zone: what the user tells proactive engagement, erased with them. */
    public static String goalsPk(String userId) {
        return "GOALS#" + userId;
    }

    public static final String GOAL_PREFIX = "GOAL#";

    /**
     * A cached set of vectors (see {@link DynamoDbVectorSetCache}); the key names the embedding model
     * and a digest of the texts.
     */
    public static String vectorSetPk(String key) {
        return "VECTORSET#" + key;
    }
    public static final String TIME_ZONE = "TIMEZONE";

    public static String goalSk(String goalId) {
        return GOAL_PREFIX + goalId;
    }

    /** A WebSocket connection's own item: found by the id API Gateway puts in every event. */
    public static String connectionPk(String connectionId) {
        return "CONNECTION#" + connectionId;
    }

    public static final String CONNECTION = "CONNECTION";

    /** A user's WebSocket connections: one partition, so "every device of the user" is one Query. */
    public static String userConnectionsPk(String userId) {
        return "CONNECTIONS#" + userId;
    }

    public static String userConnectionSk(String connectionId) {
        return CONNECTION + "#" + connectionId;
    }

    public static String typingPk(String sessionId) {
        return "TYPING#" + sessionId;
    }

    public static String typingSk(String userId) {
        return userPk(userId);
    }

    /** Orders the live typing indicators by expiry; session and user keep keys unique. */
    public static String typingGsiSk(Instant expiresAt, String sessionId, String userId) {
        return sortableInstant(expiresAt) + "#" + sessionId + "#" + userId;
    }

    /**
     * The greatest GSI sort key of the form {@code {instant at}#…}: {@code ~} sorts after every id
     * character. So {@code gsi1sk <= bound} means "at or before {@code at}" and {@code gsi1sk > bound}
     * means "after {@code at}", for {@link #pendingGsiSk} and {@link #typingGsiSk} alike.
     */
    public static String timeKeyBound(Instant at) {
        return sortableInstant(at) + "#~";
    }

    /**
     * An instant as fixed-width text whose lexicographic order is chronological order (for years
     * 0000–9999). {@link Instant#toString()} is not: it drops zero fractions, so {@code …:30Z}
     * would sort after {@code …:30.5Z}.
     */
    public static String sortableInstant(Instant instant) {
        return SORTABLE_INSTANT.format(instant);
    }

    /** The table as {@code template.yaml} declares it: on-demand, pk/sk strings, one GSI with all attributes. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        stringAttribute(PK), stringAttribute(SK), stringAttribute(GSI1_PK), stringAttribute(GSI1_SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(GSI1)
                        .keySchema(key(GSI1_PK, KeyType.HASH), key(GSI1_SK, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build())
                .build();
    }

    /** Turns on expiry by {@link #EXPIRES_AT}; a separate call because CreateTable cannot do it. */
    public static UpdateTimeToLiveRequest timeToLiveRequest(String tableName) {
        return UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(t -> t.attributeName(EXPIRES_AT).enabled(true))
                .build();
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
