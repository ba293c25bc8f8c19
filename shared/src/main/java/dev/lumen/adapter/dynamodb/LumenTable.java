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
 * persona         PERSONA#{id}                PROFILE                                   CREATOR#{creatorId} / PERSONA#{id}
 * own trait       PERSONA#{id}                TRAIT#{traitId}
 * trait audit     PERSONA#{id}                AUDIT#{traitId}#{instant}#{changeId}
 * session         SESSION#{personaId}#{sid}   META
 * message         SESSION#{personaId}#{sid}   MSG#{instant}#{messageId}
 * health probe    HEALTH                      HEALTH                                    (never written)
 * </pre>
 *
 * Within a persona's partition the sort keys order as {@code AUDIT#… < PROFILE < TRAIT#…}, so the
 * persona and its own traits are one contiguous range that excludes the (unbounded) audit trail.
 * Ids never contain {@code #} (see {@link dev.lumen.domain.Ids}), so {@code #} safely ends a prefix.
 * {@code {instant}} is {@link #sortableInstant(Instant)}: fixed width, so text order is time order.
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
