package dev.lumen.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.domain.memory.MemoryService;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.knowledge.Coaching;
import dev.lumen.domain.knowledge.KnowledgeIndexer;
import dev.lumen.domain.knowledge.KnowledgeSearch;
import dev.lumen.domain.knowledge.TextSplitter;
import dev.lumen.fakes.Coachings;
import dev.lumen.fakes.InMemoryCreatorRepository;
import dev.lumen.fakes.InMemoryLearningRepository;
import dev.lumen.fakes.ExactVectorStore;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryConversationRepository;
import dev.lumen.fakes.InMemoryPersonaRepository;
import dev.lumen.fakes.RecordingInteractionPublisher;
import dev.lumen.fakes.ScriptedChatModel;
import java.time.Clock;
import dev.lumen.domain.vector.TextQuery;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatServiceTest {
    private final InMemoryConversationRepository conversations = new InMemoryConversationRepository();
    private final ScriptedChatModel model = new ScriptedChatModel("Happy to help.");
    private final ExactVectorStore vectors = new ExactVectorStore();
    private final MemoryService memory = new MemoryService(new HashingEmbeddingModel(256), vectors);
    private final RecordingInteractionPublisher interactions = new RecordingInteractionPublisher();
    private ChatService chat;
    private SessionHistory history;

    @BeforeEach
    void setUp() {
        PersonaService personas = new PersonaService(new InMemoryPersonaRepository(), CoreTraits.defaults(), Clock.systemUTC());
        personas.create(new NewPersona("ada", "Ada", "A patient coach", null,
                List.of(new NewPersona.NewTrait(null, "Warmth", "Kind and encouraging", 0.8))));
        history = new SessionHistory(personas, conversations);
        chat = new ChatService(personas, CoreTraits.defaults(), conversations, model, memory, interactions, Coachings.none(),
                Clock.systemUTC());
    }

    @Test
    void promptCarriesPersonaTraitsAndHistoryInOrder() {
        // GIVEN two earlier turns
        chat.chat(new ChatRequest("ada", "s1", "u1", "first question"));
        chat.chat(new ChatRequest("ada", "s1", "u1", "second question"));

        // WHEN
        ChatReply reply = chat.chat(new ChatRequest("ada", "s1", "u1", "third question"));

        // THEN
        ModelRequest sent = model.requests().get(2);
        assertThat(sent.systemPrompt()).contains("You are Ada", "Warmth (0.80): Kind and encouraging", "Honesty (0.90)");
        assertThat(sent.history()).extracting(ModelRequest.Turn::role, ModelRequest.Turn::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Role.USER, "first question"),
                org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, "Happy to help."),
                org.assertj.core.groups.Tuple.tuple(Role.USER, "second question"),
                org.assertj.core.groups.Tuple.tuple(Role.ASSISTANT, "Happy to help."));
        assertThat(sent.userMessage()).isEqualTo("third question");
        assertThat(reply.message()).isEqualTo("Happy to help.");
        assertThat(reply.sessionId()).isEqualTo("s1");
        assertThat(reply.confidence()).isEqualTo(0.9);
        assertThat(reply.traits()).extracting("id").contains("warmth", "empathy");
        assertThat(history.messages("ada", "s1", 100)).hasSize(6).last()
                .satisfies(m -> {
                    assertThat(m.role()).isEqualTo(Role.ASSISTANT);
                    assertThat(m.messageId()).isEqualTo(reply.messageId());
                });
    }

    @Test
    void historyIsTheLastTenMessages() {
        for (int i = 1; i <= 7; i++) {
            chat.chat(new ChatRequest("ada", "s1", null, "message " + i));
        }
        List<ModelRequest> sent = model.requests();
        assertThat(sent.get(6).history()).hasSize(10);
        assertThat(sent.get(6).history().get(0).text()).isEqualTo("message 2");
    }

    @Test
    void newSessionWhenNoneGiven() {
        ChatReply reply = chat.chat(new ChatRequest("ada", null, null, "hello"));
        assertThat(reply.sessionId()).isNotBlank();
        assertThat(history.messages("ada", reply.sessionId(), 10)).hasSize(2);
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> chat.chat(new ChatRequest("ada", "s1", null, "x".repeat(4_001))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("4000");
        assertThatThrownBy(() -> chat.chat(new ChatRequest("ada", "s1", null, "  ")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'message'");
        assertThatThrownBy(() -> chat.chat(new ChatRequest("ghost", "s1", null, "hi")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> chat.chat(new ChatRequest("ada", "s#1", null, "hi")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'sessionId'");
        assertThat(model.requests()).isEmpty();
        assertThat(conversations.latest("ada", "s1", 10)).isEmpty();
    }

    @Test
    void everyTurnIsPublishedAsAnInteraction() {
        // WHEN
        ChatReply reply = chat.chat(new ChatRequest("ada", "s1", "u1", "How do I start running?"));

        // THEN
        assertThat(interactions.published()).singleElement().satisfies(i -> {
            assertThat(i.interactionId()).isEqualTo(reply.messageId());
            assertThat(i.tenant()).isEqualTo("default");
            assertThat(i.personaId()).isEqualTo("ada");
            assertThat(i.userId()).isEqualTo("u1");
            assertThat(i.sessionId()).isEqualTo("s1");
            assertThat(i.userText()).isEqualTo("How do I start running?");
            assertThat(i.replyText()).isEqualTo("Happy to help.");
            assertThat(i.model()).isEqualTo("scripted");
            assertThat(i.userMessageId()).isEqualTo(history.messages("ada", "s1", 10).get(0).messageId());
            assertThat(i.occurredAt()).isEqualTo(history.messages("ada", "s1", 10).get(1).createdAt());
        });
    }

    @Test
    void aQueueThatIsDownDoesNotFailTheReply() {
        // GIVEN
        interactions.failing(true);

        // WHEN
        ChatReply reply = chat.chat(new ChatRequest("ada", "s1", "u1", "Still there?"));

        // THEN the turn is stored (with its pending interaction, which the sweeper publishes later)
        assertThat(reply.message()).isEqualTo("Happy to help.");
        assertThat(history.messages("ada", "s1", 10)).hasSize(2);
        assertThat(interactions.published()).isEmpty();
    }

    @Test
    void aMemoryFromTurnOneIsInThePromptOfTurnThirty() {
        // GIVEN every turn is remembered as soon as it is published
        interactions.deliverTo(memory::remember);
        chat.chat(new ChatRequest("ada", "s1", "u1", "My sister Maya is getting married in Lisbon this June"));
        for (int turn = 2; turn < 30; turn++) {
            chat.chat(new ChatRequest("ada", "s1", "u1", "Let us practise breathing exercise number " + turn));
        }

        // WHEN
        ChatReply reply = chat.chat(new ChatRequest("ada", "s1", "u1", "What should I give my sister Maya?"));

        // THEN turn 1 is far outside the 10-message window, yet recalled into the prompt
        ModelRequest sent = model.requests().get(29);
        assertThat(sent.history()).extracting(ModelRequest.Turn::text).noneMatch(t -> t.contains("Lisbon"));
        assertThat(sent.memories()).hasSize(ChatService.RECALLED_MEMORIES);
        assertThat(sent.memories().get(0)).contains("My sister Maya is getting married in Lisbon");
        assertThat(sent.systemPrompt()).contains("earlier conversations", "married in Lisbon");
        assertThat(reply.memoriesRecalled()).isEqualTo(ChatService.RECALLED_MEMORIES);
    }

    @Test
    void recallNeverCrossesUsersAndSkipsWhatIsStillInTheHistory() {
        // GIVEN another user told the persona a secret, and u1 has one fresh exchange in this session
        interactions.deliverTo(memory::remember);
        chat.chat(new ChatRequest("ada", "other-session", "u2", "My secret password hint is blue falcon"));
        chat.chat(new ChatRequest("ada", "s1", "u1", "I like falcons"));

        // WHEN
        chat.chat(new ChatRequest("ada", "s1", "u1", "Tell me about the blue falcon"));

        // THEN u2's memory is never recalled, and u1's exchange is in the history rather than the memories
        ModelRequest sent = model.requests().get(2);
        assertThat(sent.memories()).isEmpty();
        assertThat(sent.systemPrompt()).doesNotContain("password");
        assertThat(sent.history()).extracting(ModelRequest.Turn::text).contains("I like falcons");
    }

    @Test
    void aMemoryStoreThatIsDownCostsTheMemoriesNotTheReply() {
        // GIVEN a memory store whose searches fail
        PersonaService personas = new PersonaService(new InMemoryPersonaRepository(), CoreTraits.defaults(), Clock.systemUTC());
        personas.create(new NewPersona("ada", "Ada", "A patient coach", null, List.of()));
        ExactVectorStore store = new ExactVectorStore();
        VectorStore down = new VectorStore() {
            @Override
            public void ensureIndex(VectorIndex index) {
                store.ensureIndex(index);
            }

            @Override
            public void upsert(String index, List<VectorDocument> documents) {
                store.upsert(index, documents);
            }

            @Override
            public List<VectorHit> search(String index, VectorQuery query) {
                throw new UnavailableException("vector_store_unavailable", "down (simulated)", null);
            }

            @Override
            public List<VectorHit> lexicalSearch(String index, TextQuery query) {
                throw new UnavailableException("vector_store_unavailable", "down (simulated)", null);
            }

            @Override
            public void delete(String index, String tenant, Collection<String> ids) {
                store.delete(index, tenant, ids);
            }

            @Override
            public long count(String index, String tenant) {
                return store.count(index, tenant);
            }
        };
        ChatService service = new ChatService(personas, CoreTraits.defaults(), conversations, model,
                new MemoryService(new HashingEmbeddingModel(256), down), interactions, Coachings.none(), Clock.systemUTC());

        // WHEN
        ChatReply reply = service.chat(new ChatRequest("ada", "s9", "u1", "hi there"));

        // THEN
        assertThat(reply.message()).isEqualTo("Happy to help.");
        assertThat(reply.memoriesRecalled()).isZero();
        assertThat(interactions.published()).hasSize(1);
    }

    @Test
    void theCoachingPromptCarriesTheCreatorsVoiceTheUsersProfileAndCitedKnowledge() {
        // GIVEN the persona's creator with a profile and a document, and a user with a learned goal
        InMemoryCreatorRepository creators = new InMemoryCreatorRepository();
        creators.save(new dev.lumen.domain.knowledge.Creator("default", "Dr. Calm", "exam stress",
                "one small habit a week", "warm and brief", java.time.Instant.now()));
        InMemoryLearningRepository learning = new InMemoryLearningRepository();
        learning.apply(new dev.lumen.domain.learning.InteractionLearning(new InteractionRecorded("i-1", "default", "ada",
                "u1", "s0", "m-1", "I want to pass maths", "ok", "scripted", Usage.NONE, java.time.Instant.now()),
                List.of(), null, new dev.lumen.domain.learning.ProfileUpdate(List.of("pass maths this year"), List.of(),
                        List.of(), null), "set-goal:math"));
        HashingEmbeddingModel embeddings = new HashingEmbeddingModel(256);
        ExactVectorStore knowledgeStore = new ExactVectorStore();
        new KnowledgeIndexer(embeddings, knowledgeStore, TextSplitter.defaults(), Clock.systemUTC()).index("default",
                "breathing", "Box breathing", "Box breathing before an exam: in for four, hold for four, out for four.",
                java.util.Map.of(), KnowledgeIndexer.Progress.NONE);
        ScriptedChatModel coach = new ScriptedChatModel("Try box breathing before the exam [1].");
        PersonaService personas = new PersonaService(new InMemoryPersonaRepository(), CoreTraits.defaults(), Clock.systemUTC());
        personas.create(new NewPersona("ada", "Ada", "A patient coach", null, List.of()));
        ChatService coaching = new ChatService(personas, CoreTraits.defaults(), conversations, coach, memory, interactions,
                new Coaching(creators, learning, new KnowledgeSearch(embeddings, knowledgeStore)), Clock.systemUTC());

        // WHEN
        ChatReply reply = coaching.chat(new ChatRequest("ada", "s1", "u1", "How do I calm down before my exam breathing?"));

        // THEN
        ModelRequest sent = coach.requests().get(0);
        assertThat(sent.systemPrompt()).contains("You speak for Dr. Calm, whose expertise is exam stress",
                "one small habit a week", "warm and brief", "goals: pass maths this year",
                "[1] Box breathing: Box breathing before an exam", "Stay in Dr. Calm's voice");
        assertThat(sent.sources()).singleElement().asString().contains("in for four");
        assertThat(reply.citations()).singleElement().satisfies(c -> {
            assertThat(c.marker()).isEqualTo(1);
            assertThat(c.documentId()).isEqualTo("breathing");
            assertThat(c.chunkId()).isEqualTo("breathing:0");
        });
    }
}
