package dev.lumen.domain.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lumen.adapter.model.ModelTraitExtractor;
import dev.lumen.domain.chat.ExpressedTrait;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.learning.LearningService.Outcome;
import dev.lumen.domain.learning.TokenUsage.UsageScope;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.domain.memory.RecalledMemory;
import dev.lumen.domain.vector.TextQuery;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryLearningRepository;
import dev.lumen.fakes.RecordingEmbeddingModel;
import dev.lumen.fakes.ScriptedChatModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LearningServiceTest {
    private static final Instant SAID_AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:05Z"), ZoneOffset.UTC);
    private static final String TRAITS_JSON = """
            ```json
            [{"name": "empathy", "description": "Named the stress.", "intensity": 0.8}]
            ```""";

    private final RecordingEmbeddingModel embeddings = new RecordingEmbeddingModel(new HashingEmbeddingModel(64));
    private final ExactVectorStore vectors = new ExactVectorStore();
    private final MemoryService memory = new MemoryService(embeddings, vectors);
    private final ScriptedChatModel model = new ScriptedChatModel(TRAITS_JSON);
    private final RecordingLearning learning = new RecordingLearning(new InMemoryLearningRepository());
    private final LearningService service = new LearningService(learning, memory, new ModelTraitExtractor(model), CLOCK);

    private static InteractionRecorded turn(String id, String userId, String userText) {
        return new InteractionRecorded(id, "t1", "ada", userId, "s1", "m-" + id, userText,
                "That sounds like a lot. What is weighing on you most?", "lumen-offline", new Usage(40, 12), SAID_AT);
    }

    @Test
    void learnsEverythingATurnTeaches() {
        // GIVEN
        InteractionRecorded turn = turn("r1", "u1", "I'm so stressed about my exam. I want to pass it with a good grade.");

        // WHEN
        Outcome outcome = service.process(turn);

        // THEN the exchange is a memory of this persona and user
        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        assertThat(memory.recall("t1", "ada", "u1", "exam stress", 5)).extracting(RecalledMemory::memoryId)
                .containsExactly("r1");
        // the model was asked once, for traits, and its fenced answer was read
        assertThat(model.requests()).singleElement()
                .extracting(ModelRequest::task).isEqualTo(ModelRequest.Task.EXTRACT_TRAITS);
        InteractionLearning learned = learning.applied.get(0);
        assertThat(learned.interaction()).isEqualTo(turn);
        assertThat(learned.traits()).containsExactly(new ExpressedTrait("empathy", "Named the stress.", 0.8));
        // the user's emotional state, profile, pattern and usage
        assertThat(learned.emotion()).isNotNull();
        assertThat(learned.emotion().state()).isEqualTo("stressed");
        assertThat(learned.emotion().at()).isEqualTo(SAID_AT);
        assertThat(learned.emotion().source()).isEqualTo(EmotionalState.LEARNED);
        assertThat(learned.profile().goals()).containsExactly("pass it with a good grade");
        assertThat(learned.intentKey()).isEqualTo("share-feeling:stress");
        assertThat(learning.emotionalState("u1")).hasValueSatisfying(e -> assertThat(e.current().state()).isEqualTo("stressed"));
        assertThat(learning.profile("u1")).hasValueSatisfying(p -> assertThat(p.goals()).containsExactly("pass it with a good grade"));
        assertThat(learning.patterns("ada", "u1")).extracting(ConversationPattern::intent, ConversationPattern::frequency)
                .containsExactly(tuple("share-feeling:stress", 1L));
        assertThat(learning.usage(UsageScope.USER, "u1")).isEqualTo(new TokenUsage(UsageScope.USER, "u1", 1, 40, 12));
    }

    @Test
    void aRedeliveredInteractionCostsOneReadAndChangesNothing() {
        // GIVEN an interaction already processed
        InteractionRecorded turn = turn("r1", "u1", "I want to sleep better");
        service.process(turn);
        int embedded = embeddings.calls();

        // WHEN it arrives again
        Outcome again = service.process(turn);

        // THEN no embedding, no model call, nothing applied twice
        assertThat(again).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(embeddings.calls()).isEqualTo(embedded);
        assertThat(model.requests()).hasSize(1);
        assertThat(learning.applied).hasSize(1);
        assertThat(vectors.count(MemoryService.INDEX, "t1")).isEqualTo(1);
        assertThat(learning.usage(UsageScope.PERSONA, "ada").interactions()).isEqualTo(1);
        assertThat(learning.patterns("ada", "u1")).singleElement()
                .extracting(ConversationPattern::frequency).isEqualTo(1L);
    }

    @Test
    void aWorkerThatLosesTheRaceToApplyReportsAlreadyApplied() {
        // GIVEN another worker applies the same interaction between our check and our apply
        InteractionRecorded turn = turn("r1", "u1", "Hello there, how do I stretch?");
        learning.hideApplied = true;
        assertThat(service.process(turn)).isEqualTo(Outcome.APPLIED);

        // WHEN
        Outcome second = service.process(turn);

        // THEN the repository refused the second application; the memory is still one
        assertThat(second).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(vectors.count(MemoryService.INDEX, "t1")).isEqualTo(1);
        assertThat(learning.usage(UsageScope.USER, "u1").interactions()).isEqualTo(1);
    }

    @Test
    void anAnonymousTurnIsRememberedAndCountedButTeachesNothingAboutAUser() {
        // GIVEN
        InteractionRecorded turn = turn("r1", null, "I'm so sad and I want to run a marathon");

        // WHEN
        Outcome outcome = service.process(turn);

        // THEN
        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        InteractionLearning learned = learning.applied.get(0);
        assertThat(learned.emotion()).isNull();
        assertThat(learned.profile()).isEqualTo(ProfileUpdate.NOTHING);
        assertThat(learned.intentKey()).isEqualTo("share-feeling:marathon");
        assertThat(memory.recall("t1", "ada", null, "marathon", 5)).hasSize(1);
        assertThat(learning.usage(UsageScope.USER, TokenUsage.ANONYMOUS_USER).interactions()).isEqualTo(1);
    }

    @Test
    void aMessageWithoutFeelingsLeavesTheEmotionalStateAlone() {
        // WHEN
        service.process(turn("r1", "u1", "What time does the gym open on Sundays?"));

        // THEN
        InteractionLearning learned = learning.applied.get(0);
        assertThat(learned.emotion()).isNull();
        assertThat(learned.profile().communicationStyle()).isEqualTo("concise-neutral");
        assertThat(learned.intentKey()).isEqualTo("ask-what:sunday");
        assertThat(learning.emotionalState("u1")).isEmpty();
    }

    @Test
    void aBrokenExtractionCostsTheTraitsNotTheLearning() {
        // GIVEN an extractor that fails for a reason retrying cannot fix
        LearningService broken = new LearningService(learning, memory, interaction -> {
            throw new IllegalStateException("unexpected model output");
        }, CLOCK);

        // WHEN
        Outcome outcome = broken.process(turn("r1", "u1", "I'm happy today"));

        // THEN
        assertThat(outcome).isEqualTo(Outcome.APPLIED);
        assertThat(learning.applied.get(0).traits()).isEmpty();
        assertThat(learning.applied.get(0).emotion().state()).isEqualTo("joyful");
    }

    @Test
    void anUnavailableModelFailsTheMessageSoItIsRetried() {
        // GIVEN a model that is down, then back
        InteractionRecorded turn = turn("r1", "u1", "I'm happy today");
        LearningService down = new LearningService(learning, memory, interaction -> {
            throw new UnavailableException("model_unavailable", "the model is down", null);
        }, CLOCK);

        // WHEN / THEN the failure reaches the worker and nothing is applied
        assertThatThrownBy(() -> down.process(turn)).isInstanceOf(UnavailableException.class);
        assertThat(learning.isApplied("r1")).isFalse();
        assertThat(learning.applied).isEmpty();

        // AND the retry applies it, with the memory written once
        assertThat(service.process(turn)).isEqualTo(Outcome.APPLIED);
        assertThat(vectors.count(MemoryService.INDEX, "t1")).isEqualTo(1);
    }

    @Test
    void nothingIsAppliedWhenTheMemoryCannotBeWritten() {
        // GIVEN a vector store that is down: applying now would mark done an interaction without its memory
        LearningService noMemory = new LearningService(learning, new MemoryService(embeddings, new FailingStore()),
                new ModelTraitExtractor(model), CLOCK);

        // WHEN / THEN
        assertThatThrownBy(() -> noMemory.process(turn("r1", "u1", "I'm happy today")))
                .isInstanceOf(UnavailableException.class);
        assertThat(learning.applied).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void anInteractionWithoutATimeIsDatedByTheClock() {
        // GIVEN
        InteractionRecorded undated = new InteractionRecorded("r1", "t1", "ada", "u1", "s1", "m1", "I'm so happy!",
                "Great!", "lumen-offline", Usage.NONE, null);
        LearningService withoutTraits = new LearningService(learning, memory, interaction -> List.of(), CLOCK);

        // WHEN
        withoutTraits.process(undated);

        // THEN
        assertThat(learning.applied.get(0).emotion().at()).isEqualTo(CLOCK.instant());
    }

    /** Delegates to the in-memory fake and records what was applied; can hide receipts to stage a race. */
    private static final class RecordingLearning implements LearningRepository {
        private final InMemoryLearningRepository delegate;
        private final List<InteractionLearning> applied = new ArrayList<>();
        private boolean hideApplied;

        RecordingLearning(InMemoryLearningRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean isApplied(String interactionId) {
            return !hideApplied && delegate.isApplied(interactionId);
        }

        @Override
        public void replaceProfile(UserProfile profile) {
            delegate.replaceProfile(profile);
        }

        @Override
        public boolean apply(InteractionLearning learning) {
            boolean done = delegate.apply(learning);
            if (done) {
                applied.add(learning);
            }
            return done;
        }

        @Override
        public Optional<UserEmotion> emotionalState(String userId) {
            return delegate.emotionalState(userId);
        }

        @Override
        public UserEmotion setEmotionalState(String userId, EmotionalState state) {
            return delegate.setEmotionalState(userId, state);
        }

        @Override
        public Optional<UserProfile> profile(String userId) {
            return delegate.profile(userId);
        }

        @Override
        public List<ConversationPattern> patterns(String personaId, String userId) {
            return delegate.patterns(personaId, userId);
        }

        @Override
        public TokenUsage usage(UsageScope scope, String id) {
            return delegate.usage(scope, id);
        }

        @Override
        public int eraseUser(String userId) {
            return delegate.eraseUser(userId);
        }
    }


    private static final class FailingStore implements VectorStore {
        @Override
        public void ensureIndex(VectorIndex index) {
        }

        @Override
        public void upsert(String index, List<VectorDocument> documents) {
            throw new UnavailableException("vector_store_unavailable", "the vector store is down", null);
        }

        @Override
        public List<VectorHit> search(String index, VectorQuery query) {
            return List.of();
        }

        @Override
        public List<VectorHit> lexicalSearch(String index, TextQuery query) {
            return List.of();
        }

        @Override
        public void delete(String index, String tenant, Collection<String> ids) {
        }

        @Override
        public long count(String index, String tenant) {
            return 0;
        }
    }
}
