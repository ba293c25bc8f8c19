package dev.lumen.adapter.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.PromptBuilder;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.model.CircuitBreaker;
import dev.lumen.domain.model.FallbackChatModel;
import dev.lumen.domain.model.FallbackChatModel.Named;
import dev.lumen.domain.model.FallbackChatModel.Policy;
import dev.lumen.domain.model.ModelCallException;
import dev.lumen.domain.model.ModelFailure;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.testing.BedrockStub;
import dev.lumen.testing.BedrockStub.Answer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The fallback chain over real {@link BedrockChatModel}s and a client without SDK retries, against
 * the loopback Bedrock stub scripted per model.
 */
class FallbackChatModelTest {
    private static final String PRIMARY = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final String SECONDARY = "amazon.nova-lite-v1:0";
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1_500);

    private BedrockStub stub;
    private BedrockRuntimeClient client;
    private final List<Duration> pauses = new ArrayList<>();

    /**
     * The JVM's first SDK call loads and links the client's classes, which on a busy machine can
     * take longer than the short attempt timeouts these tests use: done once (see BedrockStub#warmUpSdk).
     */
    @org.junit.jupiter.api.BeforeAll
    static void warmUpTheSdk() {
        BedrockStub.warmUpSdk();
    }

    @BeforeEach
    void start() {
        stub = BedrockStub.start();
        client = BedrockClients.createWithoutRetries("us-east-1", Optional.of(stub.url()), ATTEMPT_TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void throttlingIsRetriedOnTheSameModelWithJitteredBackoff() {
        // GIVEN the primary throttles once, then answers
        FallbackChatModel chain = chain(policy(3, Duration.ofSeconds(10), 5));
        stub.enqueueFor(PRIMARY, Answer.throttling(), Answer.reply("Second time lucky.", "end_turn", 10, 4));

        // WHEN
        ModelReply reply = chain.reply(request(ModelRequest.Task.REPLY));

        // THEN the primary answered on its second attempt, after one pause, and the SDK made no retries of its own
        assertThat(reply).isEqualTo(new ModelReply("Second time lucky.", PRIMARY, new Usage(10, 4), "end_turn"));
        assertThat(stub.requestsFor(PRIMARY)).hasSize(2)
                .extracting(r -> r.header("amz-sdk-request")).containsOnly("attempt=1; max=1");
        assertThat(stub.requestsFor(SECONDARY)).isEmpty();
        // full jitter: the test's jitter picks the ceiling, 100 ms for the first retry
        assertThat(pauses).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void persistentServerErrorsFallThroughToTheSecondModel() {
        // GIVEN the primary always answers 500
        FallbackChatModel chain = chain(policy(2, Duration.ofSeconds(10), 5));
        stub.answerByDefaultFor(PRIMARY, Answer.internalError());
        stub.answerByDefaultFor(SECONDARY, Answer.reply("From the fallback.", "end_turn", 7, 3));

        // WHEN
        ModelReply reply = chain.reply(request(ModelRequest.Task.REPLY));

        // THEN two attempts at the primary (the policy's limit), then the secondary answered, under its own id
        assertThat(reply.text()).isEqualTo("From the fallback.");
        assertThat(reply.model()).isEqualTo(SECONDARY);
        assertThat(stub.requestsFor(PRIMARY)).hasSize(2);
        assertThat(stub.requestsFor(SECONDARY)).hasSize(1);
    }

    @Test
    void aSlowModelTimesOutAndTheNextAnswersWithoutRetryingTheSlowOne() {
        // GIVEN the primary takes 5 s, beyond the 1.5 s attempt timeout
        FallbackChatModel chain = chain(policy(3, Duration.ofSeconds(10), 5));
        stub.answerByDefaultFor(PRIMARY, Answer.reply("Too late.").delayedBy(Duration.ofSeconds(5)));
        stub.answerByDefaultFor(SECONDARY, Answer.reply("On time."));
        long started = System.nanoTime();

        // WHEN
        ModelReply reply = chain.reply(request(ModelRequest.Task.REPLY));

        // THEN one attempt at the slow model (a timeout is not retried there), then the next model
        assertThat(reply.text()).isEqualTo("On time.");
        assertThat(stub.requestsFor(PRIMARY)).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4_000));
        assertThat(BedrockChatModel.failureOf(timeoutOf(PRIMARY))).isEqualTo(ModelFailure.TIMEOUT);
    }

    @Test
    void aMalformedBodyCountsAsAFailureAndFallsThrough() {
        // GIVEN the primary's 200 body is cut off mid-JSON
        FallbackChatModel chain = chain(policy(3, Duration.ofSeconds(10), 1));
        stub.answerByDefaultFor(PRIMARY, Answer.malformed());
        stub.answerByDefaultFor(SECONDARY, Answer.reply("Readable."));

        // WHEN
        ModelReply reply = chain.reply(request(ModelRequest.Task.REPLY));

        // THEN not retried on the primary, counted by its breaker (threshold 1: now open), answered by the secondary
        assertThat(reply.text()).isEqualTo("Readable.");
        assertThat(stub.requestsFor(PRIMARY)).hasSize(1);
        assertThat(chain.links().get(0).breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void theBreakerOpensAndSkipsADeadModel() {
        // GIVEN a primary that is down (403: not retried) and a breaker that opens after 2 failures
        FallbackChatModel chain = chain(policy(2, Duration.ofSeconds(10), 2));
        stub.answerByDefaultFor(PRIMARY, Answer.accessDenied());

        // WHEN five requests come
        for (int i = 0; i < 5; i++) {
            assertThat(chain.reply(request(ModelRequest.Task.REPLY)).model()).isEqualTo(SECONDARY);
        }

        // THEN the primary was called only until its breaker opened
        assertThat(stub.requestsFor(PRIMARY)).hasSize(2);
        assertThat(stub.requestsFor(SECONDARY)).hasSize(5);
        assertThat(chain.links().get(0).breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void whenEveryModelFailsAReplyIsTheGracefulMessage() {
        // GIVEN both models fail
        FallbackChatModel chain = chain(policy(2, Duration.ofSeconds(10), 5));
        stub.answerByDefaultFor(PRIMARY, Answer.throttling());
        stub.answerByDefaultFor(SECONDARY, Answer.internalError());

        // WHEN
        ModelReply reply = chain.reply(request(ModelRequest.Task.REPLY));

        // THEN
        assertThat(reply).isEqualTo(new ModelReply(FallbackChatModel.GRACEFUL_MESSAGE, FallbackChatModel.DEGRADED_MODEL,
                Usage.NONE, FallbackChatModel.DEGRADED_STOP_REASON));
        assertThat(stub.requests()).hasSize(4);
    }

    @Test
    void whenEveryModelFailsOtherTasksAreUnavailableSoTheWorkerRetriesLater() {
        // GIVEN
        FallbackChatModel chain = chain(policy(1, Duration.ofSeconds(10), 5));
        stub.answerByDefault(Answer.internalError());

        // WHEN
        ModelCallException error = catchThrowableOfType(ModelCallException.class,
                () -> chain.reply(request(ModelRequest.Task.EXTRACT_TRAITS)));

        // THEN
        assertThat(error.code()).isEqualTo("model_unavailable");
        assertThat(error.failure()).isEqualTo(ModelFailure.SERVER_ERROR);
    }

    @Test
    void noAttemptStartsThatCouldOutliveTheBudget() {
        // GIVEN a budget of two attempts and two slow models
        FallbackChatModel chain = chain(policy(3, ATTEMPT_TIMEOUT.multipliedBy(2), 5));
        stub.answerByDefault(Answer.reply("Too late.").delayedBy(Duration.ofSeconds(5)));
        long started = System.nanoTime();

        // WHEN
        ModelReply reply = chain.reply(request(ModelRequest.Task.REPLY));

        // THEN within the budget (plus scheduling slack), graceful
        assertThat(reply.model()).isEqualTo(FallbackChatModel.DEGRADED_MODEL);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ATTEMPT_TIMEOUT.multipliedBy(2).plusMillis(1_500));
    }

    private software.amazon.awssdk.core.exception.SdkException timeoutOf(String model) {
        try {
            client.converse(r -> r.modelId(model).messages(m -> m.role("user").content(c -> c.text("hi"))));
            throw new AssertionError("expected a timeout");
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            return e;
        }
    }

    private Policy policy(int attempts, Duration budget, int breakerThreshold) {
        return new Policy(attempts, Duration.ofMillis(100), Duration.ofSeconds(1), ATTEMPT_TIMEOUT, budget,
                breakerThreshold, Duration.ofMinutes(5));
    }

    private FallbackChatModel chain(Policy policy) {
        return FallbackChatModel.of(List.of(
                        new Named(PRIMARY, new BedrockChatModel(client, PRIMARY)),
                        new Named(SECONDARY, new BedrockChatModel(client, SECONDARY))),
                policy, Clock.systemUTC(), pauses::add, ceiling -> ceiling);
    }

    private static ModelRequest request(ModelRequest.Task task) {
        var traits = CoreTraits.defaults().effective(List.of());
        return new ModelRequest(PromptBuilder.systemPrompt("Ada", "A coach", traits), List.of(), "Hello?", "Ada",
                traits, 256, List.of(), task);
    }
}
