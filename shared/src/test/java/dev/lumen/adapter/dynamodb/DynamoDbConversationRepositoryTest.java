package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.contract.ConversationRepositoryContract;
import dev.lumen.contract.Turns;
import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.InteractionSweeper;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

class DynamoDbConversationRepositoryTest extends ConversationRepositoryContract {
    private static final String TABLE = LocalDynamoDb.newTable();
    private static final Duration RETENTION = Duration.ofDays(30);

    @Override
    protected ConversationRepository newRepository() {
        return new DynamoDbConversationRepository(LocalDynamoDb.client(), TABLE, RETENTION, Clock.systemUTC());
    }

    @Override
    protected LearningRepository learningOver(ConversationRepository repository) {
        return new DynamoDbLearningRepository(LocalDynamoDb.client(), TABLE, Clock.systemUTC());
    }

    @Test
    void messagesAndTheSessionCarryTheTtlAttribute() {
        // GIVEN two turns, written at two known moments
        String personaId = Ids.random();
        String sessionId = Ids.random();
        Instant firstWrite = START.plusSeconds(1);
        Instant secondWrite = START.plusSeconds(120);
        List<Message> first = turn(personaId, sessionId, "user-7", START, 0);
        List<Message> second = turn(personaId, sessionId, "user-8", START.plusSeconds(100), 1);

        // WHEN
        Turns.store(repositoryAt(firstWrite), first);
        Turns.store(repositoryAt(secondWrite), second);

        // THEN each message expires RETENTION after it was written, as epoch seconds
        for (Message message : List.of(first.get(0), first.get(1), second.get(0), second.get(1))) {
            Map<String, AttributeValue> item = item(LumenTable.sessionPk(personaId, sessionId),
                    LumenTable.messageSk(message.createdAt(), message.messageId()));
            assertThat(item.get(LumenTable.EXPIRES_AT).n())
                    .isEqualTo(Long.toString(message.createdAt().plus(RETENTION).getEpochSecond()));
        }
        // AND the session expires RETENTION after its last write, keeping what it first saw
        Map<String, AttributeValue> session = item(LumenTable.sessionPk(personaId, sessionId), LumenTable.META);
        assertThat(session.get(LumenTable.EXPIRES_AT).n())
                .isEqualTo(Long.toString(secondWrite.plus(RETENTION).getEpochSecond()));
        assertThat(session.get("messageCount").n()).isEqualTo("4");
        assertThat(session.get("createdAt").s()).isEqualTo(first.get(0).createdAt().toString());
        assertThat(session.get("lastMessageAt").s()).isEqualTo(second.get(1).createdAt().toString());
        assertThat(session.get("userId").s()).isEqualTo("user-7");
        assertThat(session.get("personaId").s()).isEqualTo(personaId);
        assertThat(session.get("sessionId").s()).isEqualTo(sessionId);
        // AND the table expires items by that attribute
        assertThat(LocalDynamoDb.client().describeTimeToLive(r -> r.tableName(TABLE)).timeToLiveDescription())
                .satisfies(ttl -> {
                    assertThat(ttl.attributeName()).isEqualTo(LumenTable.EXPIRES_AT);
                    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                });
    }

    @Test
    void aTurnWhoseMessageIsAlreadyStoredIsAConflictAndWritesNothing() {
        // GIVEN
        String personaId = Ids.random();
        String sessionId = Ids.random();
        List<Message> turn = turn(personaId, sessionId, null, START, 0);
        ConversationRepository repository = newRepository();
        Turns.store(repository, turn);
        Message newReply = turn(personaId, sessionId, null, START.plusSeconds(5), 1).get(1);

        // WHEN / THEN
        assertThatThrownBy(() -> repository.appendTurn(turn.get(0), newReply, Turns.interactionOf(turn.get(0), newReply)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("message_exists"));
        assertThat(repository.latest(personaId, sessionId, 10)).containsExactlyElementsOf(turn);
        assertThat(item(LumenTable.sessionPk(personaId, sessionId), LumenTable.META).get("messageCount").n())
                .isEqualTo("2");
        assertThat(item(LumenTable.pendingPk(newReply.messageId()), LumenTable.PENDING)).isEmpty();
    }

    @Test
    void latestKeepsReadingWhenAPageEndsEarly() {
        // GIVEN twelve messages, and a store that answers at most five items per page
        String personaId = Ids.random();
        String sessionId = Ids.random();
        ConversationRepository writer = newRepository();
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<Message> turn = turn(personaId, sessionId, null, START.plusSeconds(i), i);
            Turns.store(writer, turn);
            all.addAll(turn);
        }
        RecordingDynamoDbClient recording = new RecordingDynamoDbClient(LocalDynamoDb.client(), 5);

        // WHEN
        List<Message> latest = new DynamoDbConversationRepository(recording.client(), TABLE, RETENTION,
                Clock.systemUTC()).latest(personaId, sessionId, 11);

        // THEN three pages (5 + 5 + 1) make the newest eleven, oldest first
        assertThat(recording.calls()).hasSize(3);
        assertThat(latest).containsExactlyElementsOf(all.subList(1, 12));
    }

    @Test
    void theTurnsInteractionIsStoredAsPendingWithEveryField() {
        // GIVEN
        List<Message> turn = turn(Ids.random(), Ids.random(), "user-7", START, 4);
        InteractionRecorded interaction = Turns.interactionOf(turn.get(0), turn.get(1));

        // WHEN
        newRepository().appendTurn(turn.get(0), turn.get(1), interaction);

        // THEN the pending item reads back as the interaction, due after the grace, kept while SQS may deliver
        Map<String, AttributeValue> pending = item(LumenTable.pendingPk(interaction.interactionId()), LumenTable.PENDING);
        assertThat(InteractionAttributes.read(pending)).isEqualTo(interaction);
        Instant dueAt = interaction.occurredAt().plus(InteractionSweeper.GRACE);
        assertThat(pending.get("attempts").n()).isEqualTo("0");
        assertThat(pending.get("status").s()).isEqualTo("PENDING");
        assertThat(pending.get("nextAttemptAt").s()).isEqualTo(dueAt.toString());
        assertThat(pending.get(LumenTable.GSI1_PK).s()).isEqualTo("PENDING");
        assertThat(pending.get(LumenTable.GSI1_SK).s()).isEqualTo(LumenTable.pendingGsiSk(dueAt, interaction.interactionId()));
        assertThat(pending.get(LumenTable.EXPIRES_AT).n())
                .isEqualTo(Long.toString(interaction.occurredAt().plus(Duration.ofDays(14)).getEpochSecond()));
        assertThat(pending.get("userText").s()).isEqualTo("question 4");
        assertThat(pending.get("replyText").s()).isEqualTo("answer 4");
    }

    @Test
    void aTurnIsOneTransactionWithItsPendingCopyAndTheMessageCounter() {
        // GIVEN
        RecordingDynamoDbClient recording = new RecordingDynamoDbClient(LocalDynamoDb.client());
        List<Message> turn = turn(Ids.random(), Ids.random(), "user-7", START, 0);

        // WHEN
        Turns.store(new DynamoDbConversationRepository(recording.client(), TABLE, RETENTION, Clock.systemUTC()), turn);

        // THEN
        assertThat(recording.calls()).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("transactWriteItems");
            List<String> keys = ((TransactWriteItemsRequest) call.request()).transactItems().stream()
                    .map(DynamoDbConversationRepositoryTest::keyOf).toList();
            // Two of them are the messages' references (find by id): still one transaction per turn.
            assertThat(keys).hasSize(8).contains("PENDING#" + turn.get(1).messageId() + " PENDING")
                    .contains(LumenTable.messageRefPk(turn.get(0).messageId()) + " " + LumenTable.MESSAGE_REF)
                    .contains(LumenTable.messageRefPk(turn.get(1).messageId()) + " " + LumenTable.MESSAGE_REF)
                    .contains("USER#user-7 " + LumenTable.userSessionSk(turn.get(0).personaId(), turn.get(0).sessionId()))
                    .anyMatch(key -> key.matches("STATS SHARD#\\d+"));
        });
    }

    @Test
    void messageReferencesExpireWithTheirMessageAndGoWithErasure() {
        // GIVEN a turn written at a known moment
        List<Message> turn = turn(Ids.random(), Ids.random(), "ref-user", START, 0);
        Turns.store(repositoryAt(START.plusSeconds(1)), turn);
        Map<String, AttributeValue> ref = item(LumenTable.messageRefPk(turn.get(1).messageId()), LumenTable.MESSAGE_REF);

        // THEN the reply's reference expires when the reply does
        assertThat(ref.get(LumenTable.EXPIRES_AT).n())
                .isEqualTo(Long.toString(turn.get(1).createdAt().plus(RETENTION).getEpochSecond()));

        // WHEN the user is erased THEN both references are gone
        ConversationRepository repository = newRepository();
        repository.sessionsOf("ref-user").forEach(s -> repository.eraseUserSession("ref-user", s));
        assertThat(item(LumenTable.messageRefPk(turn.get(0).messageId()), LumenTable.MESSAGE_REF)).isEmpty();
        assertThat(item(LumenTable.messageRefPk(turn.get(1).messageId()), LumenTable.MESSAGE_REF)).isEmpty();
    }

    @Test
    void theUsersSatisfactionLivesInTheirPartitionAndGoesWithTheirLearning() {
        // GIVEN a user who rated a reply
        String user = "sat-" + Ids.random();
        ConversationRepository repository = newRepository();
        List<Message> turn = turn(Ids.random(), Ids.random(), user, START, 0);
        Turns.store(repository, turn);
        repository.rate(repository.find(turn.get(1).messageId()).orElseThrow(),
                new dev.lumen.domain.chat.MessageFeedback(user, 3, null, START.plusSeconds(60)));
        assertThat(repository.satisfaction(user)).hasSize(1);

        // WHEN what was learned about the user is erased (erasure's learning step)
        learningOver(repository).eraseUser(user);

        // THEN the satisfaction figure went with it
        assertThat(repository.satisfaction(user)).isEmpty();
        assertThat(item(LumenTable.userPk(user), LumenTable.satisfactionSk(turn.get(1).personaId()))).isEmpty();
    }

    private static String keyOf(TransactWriteItem write) {
        Map<String, AttributeValue> key = write.put() != null ? write.put().item() : write.update().key();
        return key.get(LumenTable.PK).s() + " " + key.get(LumenTable.SK).s();
    }

    private static ConversationRepository repositoryAt(Instant now) {
        return new DynamoDbConversationRepository(LocalDynamoDb.client(), TABLE, RETENTION,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return LocalDynamoDb.client().getItem(r -> r.tableName(TABLE)
                .key(Map.of(LumenTable.PK, AttributeValue.fromS(pk), LumenTable.SK, AttributeValue.fromS(sk)))).item();
    }
}
