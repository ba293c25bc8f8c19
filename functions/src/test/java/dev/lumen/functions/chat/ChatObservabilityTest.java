package dev.lumen.functions.chat;

import static dev.lumen.functions.HandlerFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.domain.usage.ModelPrices;
import dev.lumen.domain.usage.Price;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.functions.HandlerFixture;
import dev.lumen.functions.observability.EmfDocuments;
import dev.lumen.functions.observability.MeteredChatModel;
import dev.lumen.functions.observability.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One chat request writes its latency line and its model call's tokens and cost to stdout, as EMF. */
class ChatObservabilityTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStdout() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A patient study coach", null,
                List.of(new NewPersona.NewTrait("warmth", "Warmth", "Kind and encouraging", 0.8))));
        original = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        // Off outside Lambda unless asked: this test stands in for the Lambda runtime.
        System.setProperty(Metrics.ENABLE_PROPERTY, "emf");
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(original);
        System.clearProperty(Metrics.ENABLE_PROPERTY);
    }

    @Test
    void outsideLambdaTheStandardMetricsAreOffUnlessAsked() {
        System.clearProperty(Metrics.ENABLE_PROPERTY);

        new ChatHandler(fixture.chat(new ScriptedChatModel("Hello."))).handleRequest(event("chat.json"), null);

        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("\"_aws\"");
    }

    @Test
    void aChatRequestWritesLatencyAndTokenMetrics() {
        // GIVEN the container's chat model, metered at a price for the scripted model
        ModelPrices prices = ModelPrices.defaults().with(Map.of("scripted", Price.of("1.00", "2.00")));
        ChatHandler handler = new ChatHandler(fixture.chat(new MeteredChatModel(
                new ScriptedChatModel("Let's take it one step at a time."), prices, Metrics.standard())));

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("chat.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        List<JsonNode> documents = EmfDocuments.parse(stdout.toString(StandardCharsets.UTF_8));
        JsonNode request = documents.stream().filter(d -> d.has("Latency")).findFirst().orElseThrow();
        assertThat(request.path("Route").asText()).isEqualTo("POST /api/chat");
        assertThat(request.path("Latency").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(request.path("Errors5xx").asInt()).isZero();
        assertThat(request.path("status").asInt()).isEqualTo(200);

        JsonNode tokens = documents.stream().filter(d -> d.has("InputTokens")).findFirst().orElseThrow();
        int input = "Hi Ada, can you help me plan a study schedule for this week?".length();
        int output = "Let's take it one step at a time.".length();
        assertThat(tokens.path("Model").asText()).isEqualTo("scripted");
        assertThat(tokens.path("InputTokens").asInt()).isEqualTo(input);
        assertThat(tokens.path("OutputTokens").asInt()).isEqualTo(output);
        assertThat(tokens.path("CostUsd").asDouble()).isCloseTo((input * 1.00 + output * 2.00) / 1000, org.assertj.core.data.Offset.offset(1e-9));
    }
}
