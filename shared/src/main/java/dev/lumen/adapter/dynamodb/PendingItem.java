package dev.lumen.adapter.dynamodb;

import static dev.lumen.adapter.dynamodb.AttributeValues.instant;
import static dev.lumen.adapter.dynamodb.AttributeValues.integer;
import static dev.lumen.adapter.dynamodb.AttributeValues.n;
import static dev.lumen.adapter.dynamodb.AttributeValues.s;

import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.InteractionSweeper;
import dev.lumen.domain.memory.PendingInteraction;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pending-interaction item (the outbox copy of a turn): written by
 * {@link DynamoDbConversationRepository}, swept through {@link DynamoDbPendingInteractions},
 * deleted by {@link DynamoDbLearningRepository}.
 */
final class PendingItem {
    static final String STATUS = "status";
    static final String ATTEMPTS = "attempts";
    static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    static final String PARKED = "PARKED";
    /**
     * How long a copy is kept: SQS keeps a message at most 14 days, so after that no delivery can
     * come for it and the sweeper has long parked it.
     */
    static final Duration RETENTION = Duration.ofDays(14);

    private PendingItem() {
    }

    /** A new copy, due for the sweeper {@link InteractionSweeper#GRACE} after the turn. */
    static Map<String, AttributeValue> of(InteractionRecorded interaction) {
        Instant nextAttemptAt = interaction.occurredAt().plus(InteractionSweeper.GRACE);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(LumenTable.PK, s(LumenTable.pendingPk(interaction.interactionId())));
        item.put(LumenTable.SK, s(LumenTable.PENDING));
        item.put(LumenTable.GSI1_PK, s(LumenTable.PENDING));
        item.put(LumenTable.GSI1_SK, s(LumenTable.pendingGsiSk(nextAttemptAt, interaction.interactionId())));
        item.put(LumenTable.TYPE, s("PENDING_INTERACTION"));
        item.put(STATUS, s(LumenTable.PENDING));
        item.put(ATTEMPTS, n(0L));
        item.put(NEXT_ATTEMPT_AT, AttributeValues.instant(nextAttemptAt));
        item.put(LumenTable.EXPIRES_AT, n(interaction.occurredAt().plus(RETENTION).getEpochSecond()));
        InteractionAttributes.put(item, interaction);
        return item;
    }

    static PendingInteraction read(Map<String, AttributeValue> item) {
        return new PendingInteraction(InteractionAttributes.read(item), (int) integer(item, ATTEMPTS),
                instant(item, NEXT_ATTEMPT_AT));
    }

    static Map<String, AttributeValue> key(String interactionId) {
        return AttributeValues.key(LumenTable.pendingPk(interactionId), LumenTable.PENDING);
    }
}
