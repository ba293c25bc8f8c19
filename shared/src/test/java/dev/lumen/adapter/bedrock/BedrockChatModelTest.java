package dev.lumen.adapter.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.ModelRequest.Turn;
import dev.lumen.domain.chat.PromptBuilder;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Trait;
import dev.lumen.testing.BedrockStub;
import dev.lumen.testing.BedrockStub.Answer;
import dev.lumen.testing.BedrockStub.Recorded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;

class BedrockChatModelTest {
    // A real-looking id: the ':' must survive the SDK's path encoding.
    private static final String MODEL_ID = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final List<Trait> TRAITS = CoreTraits.defaults().effective(List.of(
            new Trait("humor", "Humor", "Lightens serious moments with a joke", 0.8, false)));

    private BedrockStub stub;
    private BedrockRuntimeClient client;
    private BedrockChatModel model;

    @BeforeEach
    void start() {
        stub = BedrockStub.start();
        client = BedrockClients.create("us-east-1", Optional.of(stub.url()), Duration.ofSeconds(10));
        model = new BedrockChatModel(client, MODEL_ID);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void sendsTheSystemPromptHistoryAndMessageAsAConverseRequest() {
        // GIVEN a persona with four traits and a two-turn history
        ModelRequest request = request(List.of(
                new Turn(Role.USER, "I want to run a marathon next spring."),
                new Turn(Role.ASSISTANT, "Great goal! How far do you run each week now?")),
                "About 10 km a week.");

        // WHEN
        model.reply(request);

        // THEN one Converse call for the configured model, signed for Bedrock
        assertThat(stub.requests()).hasSize(1);
        Recorded sent = stub.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/model/" + MODEL_ID + "/converse");
        assertThat(sent.modelId()).isEqualTo(MODEL_ID);
        assertThat(sent.header("Authorization")).startsWith("AWS4-HMAC-SHA256")
                .contains("/us-east-1/bedrock/aws4_request");
        // AND the system prompt carries every effective trait with its intensity
        JsonNode body = sent.body();
        String system = body.at("/system/0/text").asText();
        assertThat(system).isEqualTo(request.systemPrompt()).contains("Ada");
        for (Trait trait : TRAITS) {
            assertThat(system).contains(trait.name() + " (" + String.format(Locale.ROOT, "%.2f", trait.intensity()) + ")");
        }
        // AND the history comes in order, then the new message, with Converse roles
        assertThat(messages(body)).containsExactly(
                "user: I want to run a marathon next spring.",
                "assistant: Great goal! How far do you run each week now?",
                "user: About 10 km a week.");
        assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(512);
    }

    @Test
    void mapsTheConverseResponse() {
        // GIVEN Bedrock answers with a reply cut at the token limit
        stub.enqueue(Answer.reply("Ten kilometres a week is a solid base.", "max_tokens", 42, 9));

        // WHEN
        ModelReply reply = model.reply(request(List.of(), "Is 10 km a week enough?"));

        // THEN text, usage and the wire stop reason are passed on, labelled with the model id
        assertThat(reply).isEqualTo(new ModelReply("Ten kilometres a week is a solid base.", MODEL_ID,
                new Usage(42, 9), "max_tokens"));
    }

    @Test
    void retriesThrottlingAndSucceeds() {
        // GIVEN Bedrock throttles twice, then answers
        stub.enqueue(Answer.throttling(), Answer.throttling(), Answer.reply("Finally, here I am."));

        // WHEN
        ModelReply reply = model.reply(request(List.of(), "Hello?"));

        // THEN the third attempt's answer is returned
        assertThat(reply.text()).isEqualTo("Finally, here I am.");
        assertThat(stub.requests()).hasSize(3);
        assertThat(stub.requests()).extracting(Recorded::rawBody).containsOnly(stub.requests().get(0).rawBody());
        // AND they were the SDK's own retries, under the configured attempt limit
        assertThat(stub.requests()).extracting(r -> r.header("amz-sdk-request"))
                .containsExactly("attempt=1; max=4", "attempt=2; max=4", "attempt=3; max=4");
    }

    @Test
    void persistentServerErrorsMakeTheModelUnavailable() {
        // GIVEN every call fails with a 500
        stub.answerByDefault(Answer.internalError());

        // WHEN
        UnavailableException error = catchThrowableOfType(UnavailableException.class,
                () -> model.reply(request(List.of(), "Hello?")));

        // THEN the client gave up after its retries, with a message safe to show the caller
        assertThat(stub.requests()).hasSize(BedrockClients.MAX_ATTEMPTS);
        assertThat(error.code()).isEqualTo("model_unavailable");
        assertThat(error.getMessage()).isEqualTo("the chat model is unavailable; retry later");
        assertThat(error.getCause()).isInstanceOf(InternalServerException.class);
    }

    @Test
    void aMalformedBodyMakesTheModelUnavailable() {
        // GIVEN Bedrock's 200 body is cut off mid-JSON, every time
        stub.answerByDefault(Answer.malformed());

        // WHEN
        UnavailableException error = catchThrowableOfType(UnavailableException.class,
                () -> model.reply(request(List.of(), "Hello?")));

        // THEN
        assertThat(error.code()).isEqualTo("model_unavailable");
        assertThat(stub.requests()).isNotEmpty().hasSizeLessThanOrEqualTo(BedrockClients.MAX_ATTEMPTS);
    }

    @Test
    void aResponseWithoutAnOutputMessageMakesTheModelUnavailable() {
        // GIVEN valid JSON that lacks the output message
        stub.enqueue(Answer.raw(200, "{\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":3,\"outputTokens\":0,\"totalTokens\":3}}"));

        // WHEN
        UnavailableException error = catchThrowableOfType(UnavailableException.class,
                () -> model.reply(request(List.of(), "Hello?")));

        // THEN
        assertThat(error.code()).isEqualTo("model_unavailable");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void accessDeniedIsAConfigurationProblemAndIsNotRetried() {
        // GIVEN the account has no access to the model
        stub.answerByDefault(Answer.accessDenied());

        // WHEN
        UnavailableException error = catchThrowableOfType(UnavailableException.class,
                () -> model.reply(request(List.of(), "Hello?")));

        // THEN the caller sees the model as unavailable, after a single attempt
        assertThat(error.code()).isEqualTo("model_unavailable");
        assertThat(error.getCause()).isInstanceOf(AccessDeniedException.class);
        assertThat(BedrockChatModel.isConfigurationError((SdkException) error.getCause())).isTrue();
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aSlowModelTimesOutAsUnavailable() {
        // GIVEN a client with a 1 s call budget and a model that takes 5 s
        try (BedrockRuntimeClient impatient = BedrockClients.create("us-east-1", Optional.of(stub.url()),
                Duration.ofSeconds(1))) {
            stub.enqueue(Answer.reply("Too late.").delayedBy(Duration.ofSeconds(5)));
            long started = System.nanoTime();

            // WHEN
            UnavailableException error = catchThrowableOfType(UnavailableException.class,
                    () -> new BedrockChatModel(impatient, MODEL_ID).reply(request(List.of(), "Hello?")));

            // THEN the call is abandoned within its budget
            assertThat(error.code()).isEqualTo("model_unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void mergesSameRoleNeighboursAndDropsALeadingReply() {
        // GIVEN a history window that starts on a reply and has two user and two assistant turns in a row
        ModelRequest request = request(List.of(
                new Turn(Role.ASSISTANT, "Welcome back!"),
                new Turn(Role.USER, "First question."),
                new Turn(Role.USER, "Second question."),
                new Turn(Role.ASSISTANT, "First answer."),
                new Turn(Role.ASSISTANT, "Second answer."),
                new Turn(Role.USER, "A follow-up.")),
                "And one more.");

        // WHEN
        model.reply(request);

        // THEN Converse gets alternating roles starting with the user, nothing lost but the leading reply
        assertThat(messages(stub.requests().get(0).body())).containsExactly(
                "user: First question.\n\nSecond question.",
                "assistant: First answer.\n\nSecond answer.",
                "user: A follow-up.\n\nAnd one more.");
    }

    private static ModelRequest request(List<Turn> history, String message) {
        return new ModelRequest(
                PromptBuilder.systemPrompt("Ada", "A running coach who keeps things light.", TRAITS),
                history, message, "Ada", TRAITS, 512);
    }

    /** Each Converse message as "role: text", checking it has exactly one text block. */
    private static List<String> messages(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode message : body.get("messages")) {
            assertThat(message.get("content")).hasSize(1);
            out.add(message.get("role").asText() + ": " + message.at("/content/0/text").asText());
        }
        return out;
    }
}
