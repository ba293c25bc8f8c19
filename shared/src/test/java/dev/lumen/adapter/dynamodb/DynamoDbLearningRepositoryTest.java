package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.contract.InteractionStores;
import dev.lumen.contract.LearningRepositoryContract;
import dev.lumen.contract.Turns;
import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.InteractionLearning;
import dev.lumen.domain.learning.ProfileUpdate;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

class DynamoDbLearningRepositoryTest extends LearningRepositoryContract {
    private static final Instant AT = Instant.now().minusSeconds(3_600);

    private String table;

    @Override
    protected InteractionStores newStores() {
        // The contract checks that nothing stays pending, over the whole PENDING partition.
        table = LocalDynamoDb.newTable();
        return DynamoDbStores.over(table);
    }

    @Test
    void applyIsOneTransactionAndTheReceiptExpiresAfterThirtyDays() {
        // GIVEN a known user's interaction that teaches everything at once
        InteractionStores stores = newStores();
        String userId = Ids.random();
        InteractionRecorded interaction = Turns.store(stores.conversations(), Ids.random(), userId, AT, "m",
                new Usage(3, 4));
        RecordingDynamoDbClient recording = new RecordingDynamoDbClient(LocalDynamoDb.client());
        Instant now = AT.plusSeconds(30);

        // WHEN
        boolean applied = new DynamoDbLearningRepository(recording.client(), table, Clock.fixed(now, ZoneOffset.UTC))
                .apply(new InteractionLearning(interaction, List.of(new ExpressedTrait("warmth", "", 0.5)),
                        new EmotionalState(0.5, "calm", List.of(), AT, EmotionalState.LEARNED),
                        new ProfileUpdate(List.of("g"), List.of(), List.of(), null), "greet"));

        // THEN one read of emotion, profile and pattern, then one write of every item
        assertThat(applied).isTrue();
        assertThat(recording.calls()).extracting(RecordingDynamoDbClient.Call::operation)
                .containsExactly("batchGetItem", "transactWriteItems");
        assertThat(((TransactWriteItemsRequest) recording.calls().get(1).request()).transactItems())
                .as("receipt, message, emotion, profile, pattern, 3 usages, stats, pending").hasSize(10);
        Map<String, AttributeValue> receipt = LocalDynamoDb.client().getItem(r -> r.tableName(table)
                .key(AttributeValues.key(LumenTable.receiptPk(interaction.interactionId()), LumenTable.APPLIED))).item();
        assertThat(receipt.get(LumenTable.EXPIRES_AT).n())
                .isEqualTo(Long.toString(now.plus(Duration.ofDays(30)).getEpochSecond()));
    }

    @Test
    void aReplyThatExpiredIsNotRecreatedAsAStub() {
        // GIVEN a stored turn whose reply TTL removed before the worker came
        InteractionStores stores = newStores();
        InteractionRecorded interaction = Turns.store(stores.conversations(), Ids.random(), Ids.random(), AT, "m",
                Usage.NONE);
        Map<String, AttributeValue> replyKey = AttributeValues.key(
                LumenTable.sessionPk(interaction.personaId(), interaction.sessionId()),
                LumenTable.messageSk(interaction.occurredAt(), interaction.interactionId()));
        LocalDynamoDb.client().deleteItem(r -> r.tableName(table).key(replyKey));

        // WHEN
        boolean applied = stores.learning().apply(new InteractionLearning(interaction,
                List.of(new ExpressedTrait("warmth", "", 0.5)), null, ProfileUpdate.NOTHING, "greet"));

        // THEN
        assertThat(applied).isTrue();
        assertThat(LocalDynamoDb.client().getItem(r -> r.tableName(table).key(replyKey)).item()).isEmpty();
        assertThat(stores.conversations().latest(interaction.personaId(), interaction.sessionId(), 10)).hasSize(1);
    }
}
