package dev.lumen.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.fakes.InMemoryConversationRepository;
import dev.lumen.fakes.InMemoryPersonaRepository;
import dev.lumen.fakes.ScriptedChatModel;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatServiceTest {
    private final InMemoryConversationRepository conversations = new InMemoryConversationRepository();
    private final ScriptedChatModel model = new ScriptedChatModel("Happy to help.");
    private ChatService chat;
    private SessionHistory history;

    @BeforeEach
    void setUp() {
        PersonaService personas = new PersonaService(new InMemoryPersonaRepository(), CoreTraits.defaults(), Clock.systemUTC());
        personas.create(new NewPersona("ada", "Ada", "A patient coach", null,
                List.of(new NewPersona.NewTrait(null, "Warmth", "Kind and encouraging", 0.8))));
        history = new SessionHistory(personas, conversations);
        chat = new ChatService(personas, CoreTraits.defaults(), conversations, model, Clock.systemUTC());
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
}
