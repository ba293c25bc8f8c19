package dev.lumen.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.contract.InteractionStores;
import dev.lumen.contract.Turns;
import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.InteractionLearning;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.ProfileUpdate;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaRepository;
import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.presence.TypingRepository;
import dev.lumen.domain.presence.TypingStatus;
import dev.lumen.domain.stats.Counts;
import dev.lumen.testing.LocalDynamoDb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The counters behind GET /api/stats, kept by the writes they count, on a table of their own. */
class DynamoDbStatsRepositoryTest {
    private static final Instant T = Instant.now().minusSeconds(3_600);

    private final String table = LocalDynamoDb.newTable();
    private final DynamoDbStatsRepository stats = new DynamoDbStatsRepository(LocalDynamoDb.client(), table);

    @Test
    void anEmptyTableCountsNothing() {
        assertThat(stats.counts(Instant.now())).isEqualTo(new Counts(0, 0, 0, 0, 0, 0));
    }

    @Test
    void everyWriteIsCountedOnceAndRefusedWritesNotAtAll() {
        // GIVEN two personas, one of them created twice (refused)
        PersonaRepository personas = new DynamoDbPersonaRepository(LocalDynamoDb.client(), table);
        Persona ada = persona("Ada");
        Persona bo = persona("Bo");
        personas.create(ada);
        personas.create(bo);
        assertThatThrownBy(() -> personas.create(ada)).isInstanceOf(ConflictException.class);

        // AND three turns, one repeated (refused)
        InteractionStores stores = DynamoDbStores.over(table);
        String userId = Ids.random();
        List<Message> turn = Turns.turn(ada.id(), Ids.random(), userId, T, 0);
        InteractionRecorded first = Turns.store(stores.conversations(), turn);
        InteractionRecorded second = Turns.store(stores.conversations(), ada.id(), userId, T.plusSeconds(1), "m", Usage.NONE);
        InteractionRecorded anonymous = Turns.store(stores.conversations(), ada.id(), null, T.plusSeconds(2), "m", Usage.NONE);
        assertThatThrownBy(() -> Turns.store(stores.conversations(), turn)).isInstanceOf(ConflictException.class);

        // AND their learning: one user's state twice, one intent twice and one once; a duplicate delivery
        LearningRepository learning = stores.learning();
        learning.apply(learned(first, state(T), "greet"));
        learning.apply(learned(second, state(T.plusSeconds(1)), "greet"));
        learning.apply(learned(second, state(T.plusSeconds(1)), "greet"));
        learning.apply(learned(anonymous, state(T.plusSeconds(2)), "greet"));
        learning.apply(learned(Turns.store(stores.conversations(), bo.id(), userId, T.plusSeconds(3), "m", Usage.NONE),
                null, "greet"));
        // AND an explicit state for a user never seen before
        learning.setEmotionalState(Ids.random(), state(T.plusSeconds(4)));

        // AND typing: two live indicators, one lapsed, one cleared
        Instant now = Instant.now();
        TypingRepository typing = new DynamoDbTypingRepository(LocalDynamoDb.client(), table);
        String session = Ids.random();
        typing.put(new TypingStatus(session, "ann", true, now.plusSeconds(10)));
        typing.put(new TypingStatus(Ids.random(), "bob", true, now.plusSeconds(3)));
        typing.put(new TypingStatus(session, "cat", true, now.minusSeconds(1)));
        typing.put(new TypingStatus(session, "dan", true, now.plusSeconds(10)));
        typing.put(new TypingStatus(session, "dan", false, now.plusSeconds(10)));

        // WHEN
        Counts counts = stats.counts(now);

        // THEN 2 personas; 4 turns = 8 messages; 4 interactions remembered; 2 users with a state;
        // patterns (ada, user, greet) and (bo, user, greet); 2 typing
        assertThat(counts).isEqualTo(new Counts(2, 8, 4, 2, 2, 2));
        // AND the counts are spread over shards, never more than there are
        List<Map<String, AttributeValue>> shards = LocalDynamoDb.client().query(q -> q.tableName(table)
                .keyConditionExpression("pk = :stats")
                .expressionAttributeValues(Map.of(":stats", AttributeValue.fromS(LumenTable.STATS)))).items();
        assertThat(shards).hasSizeBetween(1, LumenTable.STATS_SHARDS);
        // AND an indicator stops counting when it lapses
        assertThat(stats.counts(now.plusSeconds(5)).typingUsers()).isEqualTo(1);
    }

    private static InteractionLearning learned(InteractionRecorded interaction, EmotionalState emotion, String intent) {
        return new InteractionLearning(interaction, List.of(), emotion, ProfileUpdate.NOTHING, intent);
    }

    private static EmotionalState state(Instant at) {
        return new EmotionalState(0.5, "calm", List.of(), at, EmotionalState.LEARNED);
    }

    private static Persona persona(String name) {
        return new Persona(Ids.random(), name, "a persona", "creator-1",
                List.of(new Trait("warmth", "Warmth", "", 0.5, false)), Instant.parse("2024-05-01T10:00:00Z"));
    }
}
