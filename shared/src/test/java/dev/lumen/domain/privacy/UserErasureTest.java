package dev.lumen.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.contract.InteractionStores;
import dev.lumen.contract.Turns;
import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.learning.InteractionLearning;
import dev.lumen.domain.learning.ProfileUpdate;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserErasureTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private final InteractionStores stores = InMemoryStores.create();
    private final MemoryService memory = new MemoryService(new HashingEmbeddingModel(64), new ExactVectorStore());
    private final List<String> ledgerErased = new ArrayList<>();
    private final UserErasure erasure = new UserErasure(stores.conversations(), memory, stores.learning(), userId -> {
        ledgerErased.add(userId);
        return 3;
    });

    @Test
    void erasesMessagesMemoriesAndLearningOfOneUserOnly() {
        // GIVEN two users who each chatted twice with a persona, with memories and a profile
        String personaId = Ids.random();
        for (String user : List.of("gone", "kept")) {
            for (int n = 0; n < 2; n++) {
                List<Message> turn = Turns.turn(personaId, "s-" + user + n, user, T.plusSeconds(n), n);
                InteractionRecorded interaction = Turns.store(stores.conversations(), turn);
                memory.remember(interaction);
                stores.learning().apply(new InteractionLearning(interaction, List.of(), null,
                        new ProfileUpdate(List.of("sleep better"), List.of(), List.of(), "warm"), "ask"));
            }
        }
        String tenant = Turns.interactionOf(Turns.turn(personaId, "x", "gone", T, 0).get(0),
                Turns.turn(personaId, "x", "gone", T, 0).get(1)).tenant();

        // WHEN the first user is erased
        UserErasure.Report report = erasure.erase("gone");

        // THEN their sessions, messages, memories, profile and ledger are gone
        assertThat(report).isEqualTo(new UserErasure.Report("gone", 2, 4, report.learnedRecords(), 3));
        assertThat(report.learnedRecords()).isPositive();
        assertThat(stores.conversations().latest(personaId, "s-gone0", 10)).isEmpty();
        assertThat(stores.conversations().latest(personaId, "s-gone1", 10)).isEmpty();
        assertThat(memory.recall(tenant, personaId, "gone", "question", 10)).isEmpty();
        assertThat(stores.learning().profile("gone")).isEmpty();
        assertThat(ledgerErased).containsExactly("gone");
        // AND the other user keeps everything
        assertThat(stores.conversations().latest(personaId, "s-kept0", 10)).hasSize(2);
        assertThat(memory.recall(tenant, personaId, "kept", "question", 10)).hasSize(2);
        assertThat(stores.learning().profile("kept")).isPresent();
    }

    @Test
    void erasingTwiceFindsNothingTheSecondTime() {
        String personaId = Ids.random();
        Turns.store(stores.conversations(), Turns.turn(personaId, "s1", "twice", T, 0));
        erasure.erase("twice");

        UserErasure.Report again = erasure.erase("twice");

        assertThat(again.sessions()).isZero();
        assertThat(again.messages()).isZero();
        assertThat(again.learnedRecords()).isZero();
    }

    @Test
    void aMalformedUserIdIsRefusedBeforeAnythingIsTouched() {
        assertThatThrownBy(() -> erasure.erase("bad#id")).isInstanceOf(ValidationException.class);
        assertThat(ledgerErased).isEmpty();
    }

    @Test
    void proactiveMessagesGoalsAndTimeZoneGoWithTheUser() {
        // GIVEN a user with a proactive message, a goal and a time zone, and another user with a goal
        var outbox = new dev.lumen.fakes.InMemoryProactiveOutbox();
        var goals = new dev.lumen.fakes.InMemoryGoalStore();
        outbox.add(new dev.lumen.domain.proactive.ProactiveMessage("p-1", "gone", "coach",
                new dev.lumen.domain.proactive.Trigger(dev.lumen.domain.proactive.TriggerType.INACTIVITY, 3.0, java.util.Map.of()),
                "Hi", T, T, dev.lumen.domain.proactive.Channel.WEBHOOK, dev.lumen.domain.proactive.ProactiveState.PLANNED));
        var tracking = new dev.lumen.domain.proactive.GoalTracking(goals, java.time.Clock.fixed(T, java.time.ZoneOffset.UTC));
        tracking.set("gone", "g1", "Run", 0.1, 0.2, null);
        tracking.setTimeZone("gone", "Europe/Berlin");
        tracking.set("kept", "g1", "Run", 0.1, 0.2, null);
        UserErasure withEngagement = new UserErasure(stores.conversations(), memory, stores.learning(), userId -> 0,
                userId -> outbox.eraseUser(userId) + goals.eraseUser(userId));

        // WHEN
        UserErasure.Report report = withEngagement.erase("gone");

        // THEN message, goal and time zone went (counted as learned records); the other user keeps theirs
        assertThat(report.learnedRecords()).isEqualTo(3);
        assertThat(outbox.latest("gone", 10)).isEmpty();
        assertThat(goals.ofUser("gone")).isEmpty();
        assertThat(goals.timeZone("gone")).isEmpty();
        assertThat(goals.ofUser("kept")).hasSize(1);
    }
}
