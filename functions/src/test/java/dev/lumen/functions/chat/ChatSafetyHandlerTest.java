package dev.lumen.functions.chat;

import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.chat.ChatSafety;
import dev.lumen.domain.escalation.EscalationStatus;
import dev.lumen.domain.escalation.Escalations;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.safety.CrisisDetector;
import dev.lumen.domain.safety.CrisisResources;
import dev.lumen.domain.safety.InjectionDetector;
import dev.lumen.domain.safety.ReplyValidator;
import dev.lumen.fakes.HashingEmbeddingModel;
import dev.lumen.fakes.InMemoryEscalationRepository;
import dev.lumen.fakes.RecordingEscalationPublisher;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.functions.HandlerFixture;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/chat} with the detectors on (their pattern layers decide these cases). */
class ChatSafetyHandlerTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private final ScriptedChatModel model = new ScriptedChatModel("Let's take it one step at a time.");
    private final InMemoryEscalationRepository escalations = new InMemoryEscalationRepository();
    private final RecordingEscalationPublisher queue = new RecordingEscalationPublisher();
    private ChatHandler chat;

    @BeforeEach
    void setUp() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A patient study coach", null,
                List.of(new NewPersona.NewTrait("warmth", "Warmth", "Kind and encouraging", 0.8))));
        HashingEmbeddingModel embeddings = new HashingEmbeddingModel(512);
        CrisisDetector crisis = new CrisisDetector(embeddings, new CrisisDetector.Thresholds(0.55, 0.65, 0.95, 0.05));
        InjectionDetector injection = new InjectionDetector(embeddings);
        chat = new ChatHandler(fixture.chat(model).withSafety(new ChatSafety(crisis::assess, injection::check,
                CrisisResources.defaults(), new Escalations(escalations, queue, Clock.systemUTC()),
                new ReplyValidator(crisis::assess, injection::check))));
    }

    @Test
    void aCrisisMessageGetsTheLocalesLinesAndAnEscalationInTheReply() {
        // WHEN
        APIGatewayV2HTTPResponse response = chat.handleRequest(event("chat-crisis.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode reply = json(response);
        assertThat(reply.path("message").asText()).contains("Samaritans", "116 123");
        assertThat(reply.at("/escalation/severity").asText()).isEqualTo("HIGH");
        assertThat(reply.at("/safety/crisis").asText()).isEqualTo("HIGH");
        assertThat(reply.at("/safety/categories").toString()).contains("SUICIDE_SELF_HARM");
        assertThat(reply.path("model").asText()).isEqualTo("lumen-safety");
        assertThat(model.requests()).isEmpty();
        assertThat(escalations.list(EscalationStatus.OPEN, 10)).singleElement()
                .satisfies(e -> assertThat(e.escalationId()).isEqualTo(reply.at("/escalation/id").asText()));
        assertThat(queue.published()).hasSize(1);
    }

    @Test
    void anOrdinaryMessageCarriesItsSafetyAndValidationScores() {
        APIGatewayV2HTTPResponse response = chat.handleRequest(event("chat.json"), null);
        JsonNode reply = json(response);
        assertThat(reply.path("message").asText()).isEqualTo("Let's take it one step at a time.");
        assertThat(reply.has("escalation")).isFalse();
        assertThat(reply.at("/safety/injection").asBoolean()).isFalse();
        assertThat(reply.at("/validation/safety").asDouble()).isEqualTo(1.0);
        assertThat(reply.at("/validation/grounding").asDouble()).isEqualTo(1.0);
        assertThat(reply.at("/validation/persona").asDouble()).isEqualTo(1.0);
        assertThat(reply.at("/validation/regenerated").asBoolean()).isFalse();
        assertThat(reply.path("requiresHumanEscalation").asBoolean()).isFalse();
    }

    @Test
    void aBadLocaleIs400() {
        assertError(chat.handleRequest(withBody("chat.json",
                "{\"personaId\":\"persona-ada\",\"message\":\"hi\",\"locale\":\"not a locale\"}"), null), 400, "'locale'");
        assertError(chat.handleRequest(withBody("chat.json",
                "{\"personaId\":\"persona-ada\",\"message\":\"hi\",\"locale\":7}"), null), 400, "'locale'");
        assertThat(escalations.list(EscalationStatus.OPEN, 10)).isEmpty();
    }
}
