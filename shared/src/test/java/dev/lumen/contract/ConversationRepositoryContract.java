package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ConversationRepository;
import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.MessageFeedback;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.feedback.Satisfaction;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.chat.UserSession;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.learning.InteractionLearning;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.ProfileUpdate;
import dev.lumen.domain.memory.InteractionRecorded;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConversationRepository} must do. An adapter's test extends this class and
 * says how to build the adapter (and a {@link LearningRepository} over the same store, which is
 * how traits get onto messages); the cases use fresh random ids, so a subclass may share one
 * store between them.
 */
public abstract class ConversationRepositoryContract {
    /** Recent enough that a store with retention keeps it. */
    protected static final Instant START = Instant.now().minusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS);

    private ConversationRepository repository;

    /** A repository for one test case. */
    protected abstract ConversationRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void appendTurnStoresBothMessagesWithEveryField() {
        // GIVEN
        String personaId = Ids.random();
        String sessionId = Ids.random();
        Message question = new Message(Ids.random(), personaId, sessionId, "user-7", Role.USER,
                "How do I start?", START.plusNanos(123_456_789), null, Usage.NONE);
        Message answer = new Message(Ids.random(), personaId, sessionId, "user-7", Role.ASSISTANT,
                "One small step a day.", START.plusMillis(900), "lumen-offline", new Usage(42, 7))
                .withValidation(new dev.lumen.domain.safety.ReplyValidation(1.0, 0.75, 1.0, true, List.of("grounding 0.5 on try one")));

        // WHEN
        append(question, answer);

        // THEN
        assertThat(repository.latest(personaId, sessionId, 10)).containsExactly(question, answer);
    }

    @Test
    void anonymousMessagesKeepANullUser() {
        // GIVEN
        String personaId = Ids.random();
        String sessionId = Ids.random();
        List<Message> turn = turn(personaId, sessionId, null, START, 0);

        // WHEN
        append(turn.get(0), turn.get(1));

        // THEN
        assertThat(repository.latest(personaId, sessionId, 10)).containsExactlyElementsOf(turn);
        assertThat(repository.latest(personaId, sessionId, 10)).extracting(Message::userId).containsOnlyNulls();
    }

    @Test
    void latestReturnsTheNewestMessagesOldestFirst() {
        // GIVEN six turns, twelve messages
        String personaId = Ids.random();
        String sessionId = Ids.random();
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<Message> turn = turn(personaId, sessionId, "user-7", START.plusSeconds(10L * i), i);
            append(turn.get(0), turn.get(1));
            all.addAll(turn);
        }

        // WHEN
        List<Message> latest = repository.latest(personaId, sessionId, 5);

        // THEN the last five, newest last
        assertThat(latest).containsExactlyElementsOf(all.subList(7, 12));
        assertThat(repository.latest(personaId, sessionId, 100)).containsExactlyElementsOf(all);
    }

    @Test
    void latestOfAnUnknownSessionIsEmpty() {
        assertThat(repository.latest(Ids.random(), Ids.random(), 10)).isEmpty();
    }

    @Test
    void aReplyLessThanAMillisecondAfterItsQuestionStillComesAfterIt() {
        // GIVEN a reply 1 microsecond after the question, with an id that sorts before the question's
        String personaId = Ids.random();
        String sessionId = Ids.random();
        Instant asked = START.plusMillis(5);
        Message question = new Message("zzz-" + Ids.random(), personaId, sessionId, null, Role.USER, "Hi",
                asked, null, Usage.NONE);
        Message answer = new Message("aaa-" + Ids.random(), personaId, sessionId, null, Role.ASSISTANT, "Hello",
                asked.plusNanos(1_000), "lumen-offline", new Usage(1, 1));

        // WHEN
        append(question, answer);

        // THEN
        assertThat(repository.latest(personaId, sessionId, 10)).containsExactly(question, answer);
    }

    @Test
    void messagesAtTheSameInstantAreOrderedByMessageId() {
        // GIVEN
        String personaId = Ids.random();
        String sessionId = Ids.random();
        Message second = new Message("b-" + Ids.random(), personaId, sessionId, null, Role.USER, "Hi",
                START, null, Usage.NONE);
        Message first = new Message("a-" + Ids.random(), personaId, sessionId, null, Role.ASSISTANT, "Hello",
                START, "lumen-offline", new Usage(1, 1));

        // WHEN
        append(second, first);

        // THEN
        assertThat(repository.latest(personaId, sessionId, 10)).containsExactly(first, second);
    }

    @Test
    void sessionsAreIsolatedFromEachOtherAndAcrossPersonas() {
        // GIVEN two sessions of one persona, and another persona using the same session id
        String persona = Ids.random();
        String otherPersona = Ids.random();
        String session = Ids.random();
        String otherSession = Ids.random();
        List<Message> mine = turn(persona, session, "user-7", START, 0);
        List<Message> otherSessions = turn(persona, otherSession, "user-7", START.plusSeconds(1), 1);
        List<Message> otherPersonas = turn(otherPersona, session, "user-8", START.plusSeconds(2), 2);

        // WHEN
        append(mine.get(0), mine.get(1));
        append(otherSessions.get(0), otherSessions.get(1));
        append(otherPersonas.get(0), otherPersonas.get(1));

        // THEN
        assertThat(repository.latest(persona, session, 10)).containsExactlyElementsOf(mine);
        assertThat(repository.latest(persona, otherSession, 10)).containsExactlyElementsOf(otherSessions);
        assertThat(repository.latest(otherPersona, session, 10)).containsExactlyElementsOf(otherPersonas);
    }

    @Test
    void traitsPutOnAReplyComeBackWithIt() {
        // GIVEN a stored turn
        String personaId = Ids.random();
        String sessionId = Ids.random();
        List<Message> turn = turn(personaId, sessionId, "user-7", START, 0);
        InteractionRecorded interaction = append(turn.get(0), turn.get(1));
        List<ExpressedTrait> traits = List.of(new ExpressedTrait("warmth", "kind words", 0.8),
                new ExpressedTrait("wit", "", 1.0 / 3));

        // WHEN the interaction worker stores what the reply showed
        learningOver(repository).apply(new InteractionLearning(interaction, traits, null, ProfileUpdate.NOTHING, "greet"));

        // THEN the reply carries them, exactly; the question carries none
        List<Message> latest = repository.latest(personaId, sessionId, 10);
        assertThat(latest).extracting(Message::messageId)
                .containsExactly(turn.get(0).messageId(), turn.get(1).messageId());
        assertThat(latest.get(0).traits()).isEmpty();
        assertThat(latest.get(1).traits()).containsExactlyElementsOf(traits);
        assertThat(latest.get(1).traits().get(1).intensity()).isEqualTo(0.3333333333333333);
    }

    @Test
    void aTurnWhoseInteractionIsNotItsReplysIsRefusedAndNothingIsStored() {
        // GIVEN an interaction that names another message as the reply
        String personaId = Ids.random();
        String sessionId = Ids.random();
        List<Message> turn = turn(personaId, sessionId, "user-7", START, 0);
        InteractionRecorded ofQuestion = Turns.interactionOf(turn.get(1), turn.get(0));

        // WHEN / THEN
        assertThatThrownBy(() -> repository.appendTurn(turn.get(0), turn.get(1), ofQuestion))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(repository.latest(personaId, sessionId, 10)).isEmpty();
    }

    @Test
    void erasingAUserRemovesTheirMessagesAndKeepsOthers() {
        // GIVEN two sessions of one user with one persona, and another user's session
        String personaId = Ids.random();
        String user = "erase-" + Ids.random();
        String other = "keep-" + Ids.random();
        String first = Ids.random();
        String second = Ids.random();
        String theirs = Ids.random();
        List<Message> a = turn(personaId, first, user, START, 0);
        List<Message> b = turn(personaId, second, user, START.plusSeconds(5), 1);
        List<Message> c = turn(personaId, theirs, other, START.plusSeconds(9), 2);
        append(a.get(0), a.get(1));
        append(b.get(0), b.get(1));
        append(c.get(0), c.get(1));

        // WHEN every session of the user is erased
        List<UserSession> sessions = repository.sessionsOf(user);
        List<String> erased = new java.util.ArrayList<>();
        sessions.forEach(session -> erased.addAll(repository.eraseUserSession(user, session)));

        // THEN both sessions were known with their tenant, their four messages are gone, and the
        // other user's session is untouched
        assertThat(sessions).extracting(UserSession::sessionId).containsExactlyInAnyOrder(first, second);
        assertThat(sessions).extracting(UserSession::tenant).containsOnly(Turns.interactionOf(a.get(0), a.get(1)).tenant());
        assertThat(erased).containsExactlyInAnyOrder(a.get(0).messageId(), a.get(1).messageId(),
                b.get(0).messageId(), b.get(1).messageId());
        assertThat(repository.latest(personaId, first, 10)).isEmpty();
        assertThat(repository.latest(personaId, second, 10)).isEmpty();
        assertThat(repository.latest(personaId, theirs, 10)).containsExactlyElementsOf(c);
        assertThat(repository.sessionsOf(user)).isEmpty();
        assertThat(repository.sessionsOf(other)).extracting(UserSession::sessionId).containsExactly(theirs);
        // AND erasing again finds nothing
        assertThat(repository.eraseUserSession(user, sessions.get(0))).isEmpty();
    }

    @Test
    void erasingAUserLeavesOtherUsersMessagesInASharedSession() {
        // GIVEN one session id used by two users
        String personaId = Ids.random();
        String sessionId = Ids.random();
        List<Message> mine = turn(personaId, sessionId, "u-mine", START, 0);
        List<Message> yours = turn(personaId, sessionId, "u-yours", START.plusSeconds(3), 1);
        append(mine.get(0), mine.get(1));
        append(yours.get(0), yours.get(1));

        // WHEN the first user is erased
        repository.sessionsOf("u-mine").forEach(s -> repository.eraseUserSession("u-mine", s));

        // THEN only the other user's turn is left
        assertThat(repository.latest(personaId, sessionId, 10)).containsExactlyElementsOf(yours);
    }

    @Test
    void aMessageIsFoundByItsIdAlone() {
        // GIVEN a stored turn
        List<Message> turn = turn(Ids.random(), Ids.random(), "finder-" + Ids.random(), START, 0);
        append(turn.get(0), turn.get(1));

        // WHEN / THEN both messages are found by id, an unknown id is not
        assertThat(repository.find(turn.get(0).messageId())).contains(turn.get(0));
        assertThat(repository.find(turn.get(1).messageId())).contains(turn.get(1));
        assertThat(repository.find(Ids.random())).isEmpty();
    }

    @Test
    void aRatingShowsOnTheMessageAndReRatingReplacesItInTheSatisfaction() {
        // GIVEN two turns of one user with one persona
        String personaId = Ids.random();
        String sessionId = Ids.random();
        String user = "rater-" + Ids.random();
        List<Message> first = turn(personaId, sessionId, user, START, 0);
        List<Message> second = turn(personaId, sessionId, user, START.plusSeconds(5), 1);
        append(first.get(0), first.get(1));
        append(second.get(0), second.get(1));
        MessageFeedback low = new MessageFeedback(user, 2, "too long", START.plusSeconds(60));
        MessageFeedback high = new MessageFeedback(user, 5, null, START.plusSeconds(70));

        // WHEN the first reply is rated, then rated again, and the second reply is rated once
        repository.rate(repository.find(first.get(1).messageId()).orElseThrow(), low);
        repository.rate(repository.find(first.get(1).messageId()).orElseThrow(), high);
        repository.rate(repository.find(second.get(1).messageId()).orElseThrow(),
                new MessageFeedback(user, 3, "ok", START.plusSeconds(80)));

        // THEN the message carries its latest rating, in the session's history too
        assertThat(repository.find(first.get(1).messageId()).orElseThrow().feedback()).isEqualTo(high);
        assertThat(repository.latest(personaId, sessionId, 10)).filteredOn(m -> m.messageId().equals(first.get(1).messageId()))
                .extracting(Message::feedback).containsExactly(high);
        // AND each rated message counts once, with its latest rating: (5 + 3) / 2
        assertThat(repository.satisfaction(user)).containsExactly(new Satisfaction(personaId, 2, 8));
        assertThat(repository.satisfaction(user).get(0).mean()).isEqualTo(4.0);
    }

    @Test
    void aRatingOverAStaleReadIsRefusedAndChangesNothing() {
        // GIVEN a reply read before someone else rated it
        String user = "stale-" + Ids.random();
        String personaId = Ids.random();
        List<Message> turn = turn(personaId, Ids.random(), user, START, 0);
        append(turn.get(0), turn.get(1));
        Message stale = repository.find(turn.get(1).messageId()).orElseThrow();
        MessageFeedback first = new MessageFeedback(user, 4, null, START.plusSeconds(60));
        repository.rate(stale, first);

        // WHEN the stale read is rated
        assertThatThrownBy(() -> repository.rate(stale, new MessageFeedback(user, 1, null, START.plusSeconds(61))))
                .isInstanceOf(ConflictException.class);

        // THEN the first rating stands and counts once
        assertThat(repository.find(turn.get(1).messageId()).orElseThrow().feedback()).isEqualTo(first);
        assertThat(repository.satisfaction(user)).containsExactly(new Satisfaction(personaId, 1, 4));
    }

    @Test
    void anAdminsRatingIsStoredButDoesNotCountAsTheUsersSatisfaction() {
        String user = "rated-" + Ids.random();
        List<Message> turn = turn(Ids.random(), Ids.random(), user, START, 0);
        append(turn.get(0), turn.get(1));

        repository.rate(repository.find(turn.get(1).messageId()).orElseThrow(),
                new MessageFeedback("admin-1", 1, null, START.plusSeconds(60)));

        assertThat(repository.find(turn.get(1).messageId()).orElseThrow().feedback().ratedBy()).isEqualTo("admin-1");
        assertThat(repository.satisfaction(user)).isEmpty();
    }

    @Test
    void erasedMessagesAreNoLongerFoundById() {
        String user = "gone-" + Ids.random();
        List<Message> turn = turn(Ids.random(), Ids.random(), user, START, 0);
        append(turn.get(0), turn.get(1));

        repository.sessionsOf(user).forEach(session -> repository.eraseUserSession(user, session));

        assertThat(repository.find(turn.get(0).messageId())).isEmpty();
        assertThat(repository.find(turn.get(1).messageId())).isEmpty();
    }

    /** A LearningRepository over the same store as {@code repository}, to put traits on its messages. */
    protected abstract LearningRepository learningOver(ConversationRepository repository);

    /** A user message at {@code at} and its reply 250 ms later. */
    protected static List<Message> turn(String personaId, String sessionId, String userId, Instant at, int n) {
        return Turns.turn(personaId, sessionId, userId, at, n);
    }

    private InteractionRecorded append(Message question, Message reply) {
        InteractionRecorded interaction = Turns.interactionOf(question, reply);
        repository.appendTurn(question, reply, interaction);
        return interaction;
    }
}
