package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.learning.ConversationPattern;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.InteractionLearning;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.ProfileUpdate;
import dev.lumen.domain.learning.TokenUsage;
import dev.lumen.domain.learning.TokenUsage.UsageScope;
import dev.lumen.domain.learning.UserEmotion;
import dev.lumen.domain.learning.UserProfile;
import dev.lumen.domain.memory.InteractionRecorded;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LearningRepository} must do. Cases use fresh random ids, but they also look at
 * the pending interactions, which are global: give each case a fresh store.
 */
public abstract class LearningRepositoryContract {
    private static final Instant T = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

    private InteractionStores stores;
    private LearningRepository learning;

    /** Empty stores over one fresh backing store, for one test case. */
    protected abstract InteractionStores newStores();

    @BeforeEach
    void createStores() {
        stores = newStores();
        learning = stores.learning();
    }

    @Test
    void aReplacedProfileReadsBackWholeAndLearningContinuesFromIt() {
        // GIVEN a learned profile
        String personaId = Ids.random();
        String userId = Ids.random();
        InteractionRecorded first = Turns.store(stores.conversations(), personaId, userId, T, "model-a", new Usage(1, 1));
        learning.apply(new InteractionLearning(first, List.of(), null,
                new ProfileUpdate(List.of("run 5k"), List.of("mornings"), List.of(), "concise"), "a"));

        // WHEN it is replaced (a snapshot restore), then more is learned
        UserProfile restored = new UserProfile(userId, List.of("sleep better"), List.of(), List.of("slept 8h"), null, 7,
                T.plusSeconds(5));
        learning.replaceProfile(restored);
        assertThat(learning.profile(userId)).contains(restored);
        InteractionRecorded next = Turns.store(stores.conversations(), personaId, userId, T.plusSeconds(10), "model-a",
                new Usage(1, 1));
        learning.apply(new InteractionLearning(next, List.of(), null,
                new ProfileUpdate(List.of("swim"), List.of(), List.of(), null), "b"));

        // THEN the learner merged into the replaced profile
        UserProfile now = learning.profile(userId).orElseThrow();
        assertThat(now.goals()).containsExactly("swim", "sleep better");
        assertThat(now.interactions()).isEqualTo(8);
        // AND a profile can be replaced for a user who has none
        String fresh = Ids.random();
        learning.replaceProfile(UserProfile.empty(fresh));
        assertThat(learning.profile(fresh)).contains(UserProfile.empty(fresh));
    }

    @Test
    void anInteractionIsAppliedOnceAndNothingIsCountedTwice() {
        // GIVEN a stored turn and what was learned from it
        String personaId = Ids.random();
        String userId = Ids.random();
        InteractionRecorded interaction = Turns.store(stores.conversations(), personaId, userId, T, "model-a",
                new Usage(100, 40));
        InteractionLearning learned = new InteractionLearning(interaction,
                List.of(new ExpressedTrait("warmth", "kind", 0.7)), state(0.6, "hopeful", T),
                new ProfileUpdate(List.of("run 5k"), List.of(), List.of(), "concise"), "ask-how:run");
        assertThat(learning.isApplied(interaction.interactionId())).isFalse();

        // WHEN it is applied twice (a redelivered message)
        boolean first = learning.apply(learned);
        boolean second = learning.apply(learned);

        // THEN the second changed nothing
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(learning.isApplied(interaction.interactionId())).isTrue();
        assertThat(learning.usage(UsageScope.USER, userId)).isEqualTo(new TokenUsage(UsageScope.USER, userId, 1, 100, 40));
        assertThat(learning.usage(UsageScope.PERSONA, personaId))
                .isEqualTo(new TokenUsage(UsageScope.PERSONA, personaId, 1, 100, 40));
        assertThat(learning.patterns(personaId, userId))
                .containsExactly(new ConversationPattern(personaId, userId, "ask-how:run", 1, interaction.occurredAt()));
        assertThat(learning.profile(userId)).contains(new UserProfile(userId, List.of("run 5k"), List.of(), List.of(),
                "concise", 1, interaction.occurredAt()));
        assertThat(learning.emotionalState(userId)).contains(UserEmotion.first(userId, state(0.6, "hopeful", T)));
        // AND the reply carries its traits, and the interaction is no longer pending
        List<Message> messages = stores.conversations().latest(personaId, interaction.sessionId(), 10);
        assertThat(messages.get(1).traits()).containsExactly(new ExpressedTrait("warmth", "kind", 0.7));
        assertThat(stores.pending().due(T.plus(1, ChronoUnit.DAYS), 10)).isEmpty();
    }

    @Test
    void usageIsSummedPerUserPersonaAndModel() {
        // GIVEN two users of one persona, on two models
        String personaId = Ids.random();
        String ann = Ids.random();
        String bob = Ids.random();
        String modelA = "model-" + Ids.random();
        String modelB = "model-" + Ids.random();

        // WHEN
        apply(Turns.store(stores.conversations(), personaId, ann, T, modelA, new Usage(10, 1)), "a");
        apply(Turns.store(stores.conversations(), personaId, ann, T.plusSeconds(1), modelA, new Usage(20, 2)), "a");
        apply(Turns.store(stores.conversations(), personaId, bob, T.plusSeconds(2), modelB, new Usage(300, 3)), "a");

        // THEN
        assertThat(learning.usage(UsageScope.USER, ann)).isEqualTo(new TokenUsage(UsageScope.USER, ann, 2, 30, 3));
        assertThat(learning.usage(UsageScope.USER, bob)).isEqualTo(new TokenUsage(UsageScope.USER, bob, 1, 300, 3));
        assertThat(learning.usage(UsageScope.PERSONA, personaId))
                .isEqualTo(new TokenUsage(UsageScope.PERSONA, personaId, 3, 330, 6));
        assertThat(learning.usage(UsageScope.MODEL, modelA)).isEqualTo(new TokenUsage(UsageScope.MODEL, modelA, 2, 30, 3));
        assertThat(learning.usage(UsageScope.MODEL, modelB)).isEqualTo(new TokenUsage(UsageScope.MODEL, modelB, 1, 300, 3));
        assertThat(learning.usage(UsageScope.USER, "nobody")).isEqualTo(TokenUsage.none(UsageScope.USER, "nobody"));
    }

    @Test
    void theEmotionalHistoryKeepsTheTwentyNewestNewestFirst() {
        // GIVEN
        String personaId = Ids.random();
        String userId = Ids.random();
        List<EmotionalState> states = new ArrayList<>();

        // WHEN 23 interactions each show a state
        for (int i = 0; i < 23; i++) {
            Instant at = T.plusSeconds(i);
            EmotionalState state = state(i / 100.0, "calm", at);
            states.add(state);
            InteractionRecorded interaction = Turns.store(stores.conversations(), personaId, userId, at, "m", Usage.NONE);
            learning.apply(new InteractionLearning(interaction, List.of(), state, ProfileUpdate.NOTHING, "x"));
        }

        // THEN the last is current, the 20 before it are the history, newest first
        UserEmotion emotion = learning.emotionalState(userId).orElseThrow();
        List<EmotionalState> newestFirst = new ArrayList<>(states.subList(2, 22));
        Collections.reverse(newestFirst);
        assertThat(emotion.current()).isEqualTo(states.get(22));
        assertThat(emotion.history()).hasSize(UserEmotion.HISTORY_LIMIT).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void anExplicitStateBecomesCurrentAndTheLearnedOneMovesToTheHistory() {
        // GIVEN a learned state
        String userId = Ids.random();
        EmotionalState learned = state(0.4, "anxious", T);
        apply(Turns.store(stores.conversations(), Ids.random(), userId, T, "m", Usage.NONE), learned, "x");
        EmotionalState explicit = new EmotionalState(0.2, "calm", List.of("breathing"), T.plusSeconds(60),
                EmotionalState.EXPLICIT);

        // WHEN
        UserEmotion set = learning.setEmotionalState(userId, explicit);

        // THEN
        assertThat(set).isEqualTo(new UserEmotion(userId, explicit, List.of(learned)));
        assertThat(learning.emotionalState(userId)).contains(set);
    }

    @Test
    void anExplicitStateForAnUnknownUserIsTheirFirst() {
        // GIVEN
        String userId = Ids.random();
        EmotionalState explicit = new EmotionalState(1.0, "joyful", List.of(), T, EmotionalState.EXPLICIT);

        // WHEN / THEN
        assertThat(learning.emotionalState(userId)).isEmpty();
        assertThat(learning.setEmotionalState(userId, explicit)).isEqualTo(UserEmotion.first(userId, explicit));
        assertThat(learning.emotionalState(userId)).contains(UserEmotion.first(userId, explicit));
    }

    @Test
    void theProfileMergesEveryInteraction() {
        // GIVEN
        String personaId = Ids.random();
        String userId = Ids.random();
        InteractionRecorded first = Turns.store(stores.conversations(), personaId, userId, T, "m", Usage.NONE);
        InteractionRecorded second = Turns.store(stores.conversations(), personaId, userId, T.plusSeconds(5), "m", Usage.NONE);
        InteractionRecorded third = Turns.store(stores.conversations(), personaId, userId, T.plusSeconds(9), "m", Usage.NONE);

        // WHEN
        learning.apply(new InteractionLearning(first, List.of(), null,
                new ProfileUpdate(List.of("Sleep better"), List.of("mornings"), List.of(), "concise-casual"), "a"));
        learning.apply(new InteractionLearning(second, List.of(), null,
                new ProfileUpdate(List.of("run 5k", "sleep better"), List.of(), List.of("ran 2k"), null), "b"));
        learning.apply(new InteractionLearning(third, List.of(), null, ProfileUpdate.NOTHING, "b"));

        // THEN newest first, duplicates dropped, the style kept when not seen again
        assertThat(learning.profile(userId)).contains(new UserProfile(userId, List.of("run 5k", "sleep better"),
                List.of("mornings"), List.of("ran 2k"), "concise-casual", 3, third.occurredAt()));
        assertThat(learning.profile(Ids.random())).isEmpty();
    }

    @Test
    void patternsCountFrequencyAndLastUseMostFrequentFirst() {
        // GIVEN
        String personaId = Ids.random();
        String userId = Ids.random();
        String[] intents = {"ask-how:sleep", "greet", "ask-how:sleep", "vent:work", "ask-how:sleep", "greet"};

        // WHEN applied out of time order: the last use must still be the latest one
        for (int i = intents.length - 1; i >= 0; i--) {
            apply(Turns.store(stores.conversations(), personaId, userId, T.plusSeconds(i), "m", Usage.NONE), intents[i]);
        }
        apply(Turns.store(stores.conversations(), Ids.random(), userId, T, "m", Usage.NONE), "greet");

        // THEN (times are the replies', 250 ms after the questions)
        assertThat(learning.patterns(personaId, userId)).containsExactly(
                new ConversationPattern(personaId, userId, "ask-how:sleep", 3, T.plusSeconds(4).plusMillis(250)),
                new ConversationPattern(personaId, userId, "greet", 2, T.plusSeconds(5).plusMillis(250)),
                new ConversationPattern(personaId, userId, "vent:work", 1, T.plusSeconds(3).plusMillis(250)));
        assertThat(learning.patterns(Ids.random(), userId)).isEmpty();
    }

    @Test
    void anAnonymousInteractionCountsUsageOnlyUnderTheAnonymousUser() {
        // GIVEN
        String personaId = Ids.random();
        InteractionRecorded interaction = Turns.store(stores.conversations(), personaId, null, T, "m", new Usage(7, 3));

        // WHEN an emotion is offered anyway
        boolean applied = learning.apply(new InteractionLearning(interaction, List.of(), state(0.5, "calm", T),
                ProfileUpdate.NOTHING, "greet"));

        // THEN
        assertThat(applied).isTrue();
        assertThat(learning.usage(UsageScope.USER, TokenUsage.ANONYMOUS_USER))
                .isEqualTo(new TokenUsage(UsageScope.USER, TokenUsage.ANONYMOUS_USER, 1, 7, 3));
        assertThat(learning.usage(UsageScope.PERSONA, personaId).interactions()).isEqualTo(1);
        assertThat(learning.isApplied(interaction.interactionId())).isTrue();
    }

    @Test
    void anInteractionWhoseReplyIsGoneIsStillApplied() {
        // GIVEN an interaction whose messages are not stored (expired before the worker came)
        String personaId = Ids.random();
        String userId = Ids.random();
        List<Message> turn = Turns.turn(personaId, Ids.random(), userId, T, 0);
        InteractionRecorded interaction = Turns.interactionOf(turn.get(0), turn.get(1));

        // WHEN
        boolean applied = learning.apply(new InteractionLearning(interaction,
                List.of(new ExpressedTrait("calm", "", 0.5)), null, ProfileUpdate.NOTHING, "greet"));

        // THEN what was learned about the user counts; no message was made up
        assertThat(applied).isTrue();
        assertThat(learning.usage(UsageScope.USER, userId).interactions()).isEqualTo(1);
        assertThat(learning.profile(userId).orElseThrow().interactions()).isEqualTo(1);
        assertThat(stores.conversations().latest(personaId, interaction.sessionId(), 10)).isEmpty();
    }

    @Test
    void concurrentInteractionsOfOneUserAllLand() throws Exception {
        // GIVEN 8 interactions of one user with one persona, each changing every item of the user
        String personaId = Ids.random();
        String userId = Ids.random();
        List<InteractionLearning> learned = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            InteractionRecorded interaction = Turns.store(stores.conversations(), personaId, userId, T.plusSeconds(i),
                    "m", new Usage(i, 1));
            learned.add(new InteractionLearning(interaction, List.of(), state(i / 20.0, "calm", T.plusSeconds(i)),
                    new ProfileUpdate(List.of("goal " + i), List.of(), List.of(), null), "same"));
        }

        // WHEN 8 workers apply them at the same moment
        List<Boolean> results = concurrently(8, learned.stream().<Callable<Boolean>>map(l -> () -> learning.apply(l)).toList());

        // THEN none was lost
        assertThat(results).containsOnly(true).hasSize(8);
        assertThat(learning.usage(UsageScope.USER, userId)).isEqualTo(new TokenUsage(UsageScope.USER, userId, 8, 28, 8));
        assertThat(learning.patterns(personaId, userId)).singleElement()
                .satisfies(p -> assertThat(p.frequency()).isEqualTo(8));
        UserProfile profile = learning.profile(userId).orElseThrow();
        assertThat(profile.interactions()).isEqualTo(8);
        assertThat(profile.goals()).hasSize(8);
        UserEmotion emotion = learning.emotionalState(userId).orElseThrow();
        assertThat(emotion.history()).hasSize(7);
        List<EmotionalState> all = new ArrayList<>(emotion.history());
        all.add(emotion.current());
        assertThat(all).containsExactlyInAnyOrderElementsOf(learned.stream().map(InteractionLearning::emotion).toList());
    }

    @Test
    void aDuplicateDeliveredToTwoWorkersAtOnceIsAppliedOnce() throws Exception {
        // GIVEN
        String userId = Ids.random();
        InteractionRecorded interaction = Turns.store(stores.conversations(), Ids.random(), userId, T, "m", new Usage(5, 5));
        InteractionLearning learned = new InteractionLearning(interaction, List.of(), state(0.3, "calm", T),
                new ProfileUpdate(List.of("g"), List.of(), List.of(), null), "x");

        // WHEN four workers get the same message at the same moment
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(() -> learning.apply(learned));
        }
        List<Boolean> results = concurrently(4, tasks);

        // THEN exactly one applied it
        assertThat(results).containsOnlyOnce(true).hasSize(4);
        assertThat(learning.usage(UsageScope.USER, userId).interactions()).isEqualTo(1);
        assertThat(learning.profile(userId).orElseThrow().interactions()).isEqualTo(1);
        assertThat(learning.emotionalState(userId).orElseThrow().history()).isEmpty();
    }

    @Test
    void erasingAUserForgetsEverythingLearnedAboutThemAndNobodyElse() {
        // GIVEN what was learned about two users of one persona
        String personaId = Ids.random();
        String gone = Ids.random();
        String kept = Ids.random();
        ProfileUpdate goals = new ProfileUpdate(List.of("run 5k"), List.of(), List.of(), "concise");
        for (String user : List.of(gone, kept)) {
            InteractionRecorded turn = Turns.store(stores.conversations(), personaId, user, T, "model-a", new Usage(10, 1));
            assertThat(learning.apply(new InteractionLearning(turn, List.of(), state(0.6, "hopeful", T), goals, "a"))).isTrue();
        }
        learning.setEmotionalState(gone, state(0.2, "sad", T.plusSeconds(2)));

        // WHEN the first user is erased, twice
        int erased = learning.eraseUser(gone);
        int again = learning.eraseUser(gone);

        // THEN their state, profile, patterns and usage total are gone; the other user's are not
        assertThat(erased).isGreaterThanOrEqualTo(4);
        assertThat(again).isZero();
        assertThat(learning.emotionalState(gone)).isEmpty();
        assertThat(learning.profile(gone)).isEmpty();
        assertThat(learning.patterns(personaId, gone)).isEmpty();
        assertThat(learning.usage(UsageScope.USER, gone)).isEqualTo(TokenUsage.none(UsageScope.USER, gone));
        assertThat(learning.emotionalState(kept)).isPresent();
        assertThat(learning.profile(kept)).isPresent();
        assertThat(learning.patterns(personaId, kept)).hasSize(1);
        assertThat(learning.usage(UsageScope.USER, kept).interactions()).isEqualTo(1);
    }

    private void apply(InteractionRecorded interaction, String intent) {
        apply(interaction, null, intent);
    }

    private void apply(InteractionRecorded interaction, EmotionalState emotion, String intent) {
        assertThat(learning.apply(new InteractionLearning(interaction, List.of(), emotion, ProfileUpdate.NOTHING, intent)))
                .isTrue();
    }

    private static EmotionalState state(double level, String state, Instant at) {
        return new EmotionalState(level, state, List.of("work", "deadline"), at, EmotionalState.LEARNED);
    }

    /** Runs the tasks on {@code threads} threads released together, and returns their results in task order. */
    private static <T> List<T> concurrently(int threads, List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
