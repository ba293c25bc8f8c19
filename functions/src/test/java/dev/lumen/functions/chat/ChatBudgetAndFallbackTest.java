package dev.lumen.functions.chat;

import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.adapter.bedrock.BedrockChatModel;
import dev.lumen.adapter.bedrock.BedrockClients;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.model.FallbackChatModel;
import dev.lumen.domain.model.FallbackChatModel.Named;
import dev.lumen.domain.model.FallbackChatModel.Policy;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.usage.BudgetLimits;
import dev.lumen.domain.usage.Budgets;
import dev.lumen.domain.usage.ChargedCall;
import dev.lumen.fakes.InMemoryUsageLedger;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.functions.HandlerFixture;
import dev.lumen.testing.BedrockStub;
import dev.lumen.testing.BedrockStub.Answer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * {@code POST /api/chat} when models fail (the fallback chain over the loopback Bedrock stub: never a
 * 5xx) and when a budget is used up (429 before any model call).
 */
class ChatBudgetAndFallbackTest {
    private static final String PRIMARY = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String SECONDARY = "amazon.nova-lite-v1:0";
    private static final String CREATOR = "coach-budget";

    private final HandlerFixture fixture = new HandlerFixture();
    private BedrockStub stub;
    private BedrockRuntimeClient client;

    /**
     * The JVM's first SDK call loads and links the client's classes, which on a busy machine can
     * take longer than the short attempt timeouts these tests use: done once (see BedrockStub#warmUpSdk).
     */
    @org.junit.jupiter.api.BeforeAll
    static void warmUpTheSdk() {
        BedrockStub.warmUpSdk();
    }

    @BeforeEach
    void persona() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A patient study coach", CREATOR, List.of()));
        stub = BedrockStub.start();
        client = BedrockClients.createWithoutRetries("us-east-1", Optional.of(stub.url()), Duration.ofMillis(1_500));
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void everyKindOfModelFailureStillAnswers200() {
        // GIVEN a chain whose models fail in every way the stub can: 429, 500, slow, malformed
        ChatHandler handler = new ChatHandler(fixture.chat(chain()));
        List<Answer> failures = List.of(Answer.throttling(), Answer.internalError(),
                Answer.reply("late").delayedBy(Duration.ofSeconds(4)), Answer.malformed());

        for (Answer failure : failures) {
            stub.answerByDefaultFor(PRIMARY, failure);
            stub.answerByDefaultFor(SECONDARY, failure);

            // WHEN
            APIGatewayV2HTTPResponse response = handler.handleRequest(event("chat.json"), null);

            // THEN a graceful reply, clearly marked, never a 5xx
            assertThat(response.getStatusCode()).as("status for %s", failure.status()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.path("model").asText()).isEqualTo(FallbackChatModel.DEGRADED_MODEL);
            assertThat(body.path("message").asText()).isEqualTo(FallbackChatModel.GRACEFUL_MESSAGE);
        }
    }

    @Test
    void withTheSafetyChecksOnTheGracefulReplyIsNotRegenerated() {
        // GIVEN chat wired as the function wires it (crisis, injection, reply validation) and no model answering
        var embeddings = new dev.lumen.fakes.HashingEmbeddingModel(512);
        var crisis = new dev.lumen.domain.safety.CrisisDetector(embeddings,
                new dev.lumen.domain.safety.CrisisDetector.Thresholds(0.55, 0.65, 0.95, 0.05));
        var injection = new dev.lumen.domain.safety.InjectionDetector(embeddings);
        // (a patient client: the JVM's first Bedrock call, SDK warm-up included, must not time out here)
        BedrockRuntimeClient patient = BedrockClients.createWithoutRetries("us-east-1", Optional.of(stub.url()),
                Duration.ofSeconds(5));
        ChatHandler handler = new ChatHandler(fixture.chat(chain(patient, Duration.ofSeconds(5))).withSafety(new dev.lumen.domain.chat.ChatSafety(
                crisis::assess, injection::check, dev.lumen.domain.safety.CrisisResources.defaults(),
                new dev.lumen.domain.escalation.Escalations(new dev.lumen.fakes.InMemoryEscalationRepository(),
                        new dev.lumen.fakes.RecordingEscalationPublisher(), Clock.systemUTC()),
                new dev.lumen.domain.safety.ReplyValidator(crisis::assess, injection::check))));
        stub.answerByDefault(Answer.internalError());

        // WHEN
        APIGatewayV2HTTPResponse response;
        try (patient) {
            response = handler.handleRequest(event("chat.json"), null);
        }

        // THEN 200 with the graceful reply, after one pass over the chain (2 models x 2 attempts): a
        // second pass to "regenerate" it would double the time the chain may take
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("model").asText()).isEqualTo(FallbackChatModel.DEGRADED_MODEL);
        assertThat(stub.requests()).hasSize(4);
    }

    @Test
    void aFailingPrimaryFallsThroughToTheSecondModel() {
        // GIVEN
        stub.answerByDefaultFor(PRIMARY, Answer.internalError());
        stub.answerByDefaultFor(SECONDARY, Answer.reply("Let's plan your week together."));

        // WHEN
        APIGatewayV2HTTPResponse response = new ChatHandler(fixture.chat(chain())).handleRequest(event("chat.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("model").asText()).isEqualTo(SECONDARY);
    }

    @Test
    void aCreatorOverItsDailyBudgetGets429WithRetryAfterAndNoModelCall() {
        // GIVEN a creator budget of 5 cents a day, 6 cents spent today
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        ledger.record(new ChargedCall("earlier", "someone", "persona-ada", CREATOR, PRIMARY, new Usage(100, 100),
                new BigDecimal("0.06"), Instant.now()));
        ScriptedChatModel model = new ScriptedChatModel("never asked");
        ChatHandler handler = new ChatHandler(fixture.chat(model)
                .withBudgets(new Budgets(ledger, new BudgetLimits(null, null, new BigDecimal("0.05"), null))));

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("chat.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(429);
        JsonNode error = json(response).path("error");
        assertThat(error.path("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asText())
                .contains("daily budget of $0.05 for creator 'coach-budget' is reached; it resets at");
        long retryAfter = Long.parseLong(response.getHeaders().get("retry-after"));
        assertThat(retryAfter).isBetween(1L, 86_400L);
        assertThat(model.requests()).isEmpty();
        assertThat(fixture.conversations.latest("persona-ada", "session-1", 10)).isEmpty();
    }

    @Test
    void underBudgetTheChatGoesThrough() {
        // GIVEN a user budget of a dollar a month, a cent spent
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        ledger.record(new ChargedCall("earlier", "user-1", "persona-ada", CREATOR, PRIMARY, new Usage(1, 1),
                new BigDecimal("0.01"), Instant.now()));
        ChatHandler handler = new ChatHandler(fixture.chat(new ScriptedChatModel("Sure!"))
                .withBudgets(new Budgets(ledger, new BudgetLimits(null, BigDecimal.ONE, null, null))));

        // WHEN / THEN
        assertThat(handler.handleRequest(event("chat.json"), null).getStatusCode()).isEqualTo(200);
    }

    private FallbackChatModel chain() {
        return chain(client, Duration.ofMillis(1_500));
    }

    private static FallbackChatModel chain(BedrockRuntimeClient over, Duration attemptTimeout) {
        return FallbackChatModel.of(List.of(
                        new Named(PRIMARY, new BedrockChatModel(over, PRIMARY)),
                        new Named(SECONDARY, new BedrockChatModel(over, SECONDARY))),
                new Policy(2, Duration.ofMillis(10), Duration.ofMillis(50), attemptTimeout,
                        attemptTimeout.multipliedBy(4), 100, Duration.ofSeconds(30)),
                Clock.systemUTC());
    }
}
