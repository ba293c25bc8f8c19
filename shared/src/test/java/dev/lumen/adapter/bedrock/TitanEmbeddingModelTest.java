package dev.lumen.adapter.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.contract.EmbeddingModelContract;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.testing.BedrockStub;
import dev.lumen.testing.BedrockStub.Answer;
import dev.lumen.testing.BedrockStub.Recorded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;

/**
 * Titan through the real SDK against the loopback stub, which answers each text with a vector
 * derived from the text (the contract cases) unless a test scripts another answer.
 */
class TitanEmbeddingModelTest extends EmbeddingModelContract {
    private static final String MODEL_ID = "amazon.titan-embed-text-v2:0";

    private BedrockStub stub;
    private BedrockRuntimeClient client;
    private TitanEmbeddingModel model;

    @BeforeEach
    void start() {
        stub = BedrockStub.start();
        client = BedrockClients.create("us-east-1", Optional.of(stub.url()), Duration.ofSeconds(10));
        model = new TitanEmbeddingModel(client);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Override
    protected EmbeddingModel model() {
        return model;
    }

    @Test
    void sendsOneInvokeModelCallWithTheTitanBody() {
        // GIVEN a text with characters JSON must escape
        String text = "Ich heiße \"Zoë\" — 東京 😀\nnew line";

        // WHEN
        model.embed(text);

        // THEN one signed InvokeModel call for Titan v2
        assertThat(stub.requests()).hasSize(1);
        Recorded sent = stub.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/model/" + MODEL_ID + "/invoke");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        assertThat(sent.header("Authorization")).startsWith("AWS4-HMAC-SHA256")
                .contains("/us-east-1/bedrock/aws4_request");
        // AND the body asks for the default 512 normalised dimensions of exactly that text
        JsonNode body = sent.body();
        assertThat(body.get("inputText").asText()).isEqualTo(text);
        assertThat(body.get("dimensions").asInt()).isEqualTo(512);
        assertThat(body.get("normalize").asBoolean()).isTrue();
        assertThat(body.size()).isEqualTo(3);
    }

    @Test
    void returnsTheVectorFromTheResponse() {
        // GIVEN a model of 256 dimensions and Titan's answer
        TitanEmbeddingModel small = new TitanEmbeddingModel(client, "eu.amazon.titan-embed-text-v2:0", 256, 1);
        float[] expected = BedrockStub.Answer.vectorOf("any", 256);
        expected[0] = 0.123456789f;
        stub.enqueue(Answer.embedding(expected, 4));

        // WHEN
        float[] vector = small.embed("How do I reset my password?");

        // THEN every number, and the configured id and size were used
        assertThat(vector).containsExactly(expected);
        assertThat(small.modelId()).isEqualTo("eu.amazon.titan-embed-text-v2:0");
        assertThat(small.dimensions()).isEqualTo(256);
        assertThat(stub.requests().get(0).path()).isEqualTo("/model/eu.amazon.titan-embed-text-v2:0/invoke");
        assertThat(stub.requests().get(0).body().get("dimensions").asInt()).isEqualTo(256);
    }

    @Test
    void aListIsOneCallPerTextAndComesBackInOrder() {
        // GIVEN 25 texts and four calls at a time
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            texts.add("memory number " + i);
        }

        // WHEN
        List<float[]> vectors = model.embed(texts);

        // THEN each text was sent once, and each position holds its text's vector
        assertThat(stub.requests()).extracting(r -> r.body().get("inputText").asText())
                .containsExactlyInAnyOrderElementsOf(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(vectors.get(i)).isEqualTo(Answer.vectorOf(texts.get(i), 512));
        }
    }

    @Test
    void aVectorOfTheWrongSizeMakesTheModelUnavailable() {
        // GIVEN Titan answers with 1024 numbers although 512 were asked for
        stub.enqueue(Answer.embedding(Answer.vectorOf("x", 1024), 1));

        // WHEN
        UnavailableException error = catchThrowableOfType(UnavailableException.class, () -> model.embed("hello"));

        // THEN it is not passed on (an index would refuse it or compare it wrongly), and not retried
        assertThat(error.code()).isEqualTo("embedding_unavailable");
        assertThat(error.getMessage()).isEqualTo("the embedding model is unavailable; retry later");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aResponseWithoutAnEmbeddingMakesTheModelUnavailable() {
        // GIVEN
        stub.enqueue(Answer.raw(200, "{\"inputTextTokenCount\":3}"));

        // WHEN / THEN
        assertThat(catchThrowableOfType(UnavailableException.class, () -> model.embed("hello")).code())
                .isEqualTo("embedding_unavailable");
    }

    @Test
    void retriesThrottlingAndSucceeds() {
        // GIVEN Bedrock throttles twice, then answers
        stub.enqueue(Answer.throttling(), Answer.throttling());

        // WHEN
        float[] vector = model.embed("hello");

        // THEN the third attempt's vector is returned, after the SDK's own retries
        assertThat(vector).isEqualTo(Answer.vectorOf("hello", 512));
        assertThat(stub.requests()).extracting(r -> r.header("amz-sdk-request"))
                .containsExactly("attempt=1; max=4", "attempt=2; max=4", "attempt=3; max=4");
    }

    @Test
    void persistentServerErrorsMakeTheModelUnavailable() {
        // GIVEN every call fails with a 500
        stub.answerByDefault(Answer.internalError());

        // WHEN
        UnavailableException error = catchThrowableOfType(UnavailableException.class, () -> model.embed("hello"));

        // THEN the client gave up after its retries
        assertThat(stub.requests()).hasSize(BedrockClients.MAX_ATTEMPTS);
        assertThat(error.code()).isEqualTo("embedding_unavailable");
        assertThat(error.getCause()).isInstanceOf(InternalServerException.class);
    }

    @Test
    void accessDeniedIsNotRetried() {
        // GIVEN the account has no access to the model
        stub.answerByDefault(Answer.accessDenied());

        // WHEN
        UnavailableException error = catchThrowableOfType(UnavailableException.class, () -> model.embed("hello"));

        // THEN
        assertThat(error.getCause()).isInstanceOf(AccessDeniedException.class);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void aFailureInAListFailsTheListAndStopsSendingTheRest() {
        // GIVEN 40 texts and a model id Bedrock rejects
        stub.answerByDefault(Answer.validation("The provided model identifier is invalid."));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("text " + i);
        }

        // WHEN
        UnavailableException error = catchThrowableOfType(UnavailableException.class, () -> model.embed(texts));

        // THEN the list fails with the call's own error, and the texts still queued were never sent
        assertThat(error.code()).isEqualTo("embedding_unavailable");
        assertThat(error.getCause()).isNotNull();
        assertThat(stub.requests()).hasSizeLessThan(texts.size());
    }

    @Test
    void aTextLongerThanTitanAcceptsIsCut() {
        // GIVEN 60,000 characters
        String text = "ab".repeat(30_000);

        // WHEN
        model.embed(text);

        // THEN Titan's limit is sent, not a 400
        assertThat(stub.requests().get(0).body().get("inputText").asText())
                .hasSize(TitanEmbeddingModel.MAX_CHARACTERS).isEqualTo(text.substring(0, 50_000));
    }

    @Test
    void aCutNeverSplitsACharacter() {
        // GIVEN an emoji (two chars) straddling the limit
        String text = "a".repeat(TitanEmbeddingModel.MAX_CHARACTERS - 1) + "😀tail";

        // WHEN / THEN
        assertThat(TitanEmbeddingModel.cut(text)).isEqualTo("a".repeat(TitanEmbeddingModel.MAX_CHARACTERS - 1));
    }

    @Test
    void onlyTitansSizesAreAccepted() {
        // WHEN / THEN
        assertThatThrownBy(() -> new TitanEmbeddingModel(client, MODEL_ID, 384, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256, 512 or 1024");
        assertThatThrownBy(() -> new TitanEmbeddingModel(client, " ", 512, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TitanEmbeddingModel(client, MODEL_ID, 512, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
