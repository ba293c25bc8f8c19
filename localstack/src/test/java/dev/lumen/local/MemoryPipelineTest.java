package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.adapter.dynamodb.DynamoDbLearningRepository;
import dev.lumen.adapter.sqs.InteractionJson;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.learning.TokenUsage.UsageScope;
import dev.lumen.domain.memory.InteractionRecorded;
import dev.lumen.local.EndToEndTest.Reply;
import dev.lumen.local.sqs.LocalQueues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The learning pipeline as it runs locally: chat over HTTP stores each turn and publishes it to
 * ElasticMQ, the runner polls the queue into the real worker (MiniLM embeddings, the embedded
 * Lucene store, DynamoDB Local), and what it learned comes back through the API.
 */
@ExtendWith(LocalRunner.class)
class MemoryPipelineTest {
    private static final String QUEUE = "InteractionsQueue";
    private static final String DEAD_LETTERS = "InteractionsDeadLetterQueue";
    private static final Duration DRAIN = Duration.ofMinutes(4);

    @BeforeEach
    void drainWhatEarlierTestsLeft() {
        awaitDrained();
    }

    @Test
    void fiveHundredChatTurnsBecomeExactlyFiveHundredMemories() throws Exception {
        // GIVEN
        EndToEndTest.createPersona("pipeline-ada");
        JsonNode before = stats();

        // WHEN 500 turns arrive from five users in ten sessions, four at a time
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Integer>> turns = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int turn = i;
                turns.add(CompletableFuture.supplyAsync(() -> call("POST", "/api/chat", """
                        {"personaId": "pipeline-ada", "sessionId": "pipeline-%d", "userId": "pipeline-user-%d",
                         "message": "Turn %d: how should I plan week %d of my training?"}"""
                        .formatted(turn % 10, turn % 5, turn, turn)).status(), clients));
            }
            for (CompletableFuture<Integer> turn : turns) {
                assertThat(turn.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdown();
        }
        awaitDrained();

        // THEN every turn was learned from once: 500 memories, 1000 messages, nothing dead-lettered
        JsonNode after = stats();
        assertThat(after.path("memories").asLong() - before.path("memories").asLong()).isEqualTo(500);
        assertThat(after.path("messages").asLong() - before.path("messages").asLong()).isEqualTo(1000);
        assertThat(after.path("queueDepth").asLong()).isZero();
        assertThat(queues().depth(DEAD_LETTERS)).isZero();
        Reply memories = call("GET", "/api/personas/pipeline-ada/memories?userId=pipeline-user-3&k=50&q="
                + encode("training week"), null);
        assertThat(memories.body().path("memories")).hasSize(50);
    }

    @Test
    void aMemoryFromTurnOneIsRecalledAtTurnThirty() {
        // GIVEN turn 1 says something memorable, and 28 turns about other things push it out of the history
        EndToEndTest.createPersona("recall-ada");
        chat("recall-ada", "recall-user", "My sister Maya is getting married in Lisbon this June.");
        String[] topics = {"my running plan", "sleeping better", "a maths exam", "cooking on a budget",
                "learning guitar", "a job interview", "saving money"};
        for (int turn = 2; turn < 30; turn++) {
            chat("recall-ada", "recall-user", "Turn " + turn + ": what do you think about " + topics[turn % topics.length] + "?");
        }
        awaitDrained();

        // WHEN
        JsonNode turn30 = chat("recall-ada", "recall-user", "Any ideas for a present for my sister's wedding?");

        // THEN turn 1 is recalled into the prompt (the offline model quotes the best memory back)
        assertThat(turn30.path("memoriesRecalled").asInt()).isEqualTo(5);
        assertThat(turn30.path("message").asText()).contains("Earlier you told me", "married in Lisbon");
        Reply recalled = call("GET", "/api/personas/recall-ada/memories?userId=recall-user&k=3&q="
                + encode("sister's wedding"), null);
        assertThat(recalled.status()).isEqualTo(200);
        assertThat(recalled.body().at("/memories/0/text").asText()).contains("married in Lisbon");
        assertThat(recalled.body().at("/memories/0/score").asDouble()).isBetween(0.0, 1.0);

        // AND another user of the same persona never gets it
        JsonNode stranger = chat("recall-ada", "recall-stranger", "Any ideas for a present for my sister's wedding?");
        assertThat(stranger.path("message").asText()).doesNotContain("Lisbon");
        Reply strangersMemories = call("GET", "/api/personas/recall-ada/memories?userId=recall-stranger&q="
                + encode("sister's wedding"), null);
        assertThat(strangersMemories.body().toString()).doesNotContain("Lisbon");
    }

    @Test
    void theWorkerLearnsEmotionalStateProfileTraitsAndPatterns() {
        // GIVEN
        EndToEndTest.createPersona("learning-ada");

        // WHEN
        JsonNode reply = chat("learning-ada", "learning-user",
                "I'm really anxious about my exam tomorrow. I want to pass maths this year.");
        awaitDrained();

        // THEN
        Reply emotion = call("GET", "/api/users/learning-user/emotional-state", null);
        assertThat(emotion.status()).isEqualTo(200);
        assertThat(emotion.body().at("/current/state").asText()).isEqualTo("anxious");
        assertThat(emotion.body().at("/current/source").asText()).isEqualTo("learned");
        assertThat(emotion.body().at("/current/triggers").toString()).contains("anxious");

        Reply profile = call("GET", "/api/users/learning-user/profile?personaId=learning-ada", null);
        assertThat(profile.body().at("/profile/goals").toString()).contains("pass maths this year");
        assertThat(profile.body().at("/profile/interactions").asLong()).isEqualTo(1);
        assertThat(profile.body().path("patterns")).hasSize(1);
        assertThat(profile.body().at("/patterns/0/frequency").asLong()).isEqualTo(1);

        Reply messages = call("GET", "/api/sessions/" + reply.path("sessionId").asText() + "/messages?personaId=learning-ada", null);
        JsonNode assistant = messages.body().at("/messages/1");
        assertThat(assistant.path("messageId").asText()).isEqualTo(reply.path("messageId").asText());
        assertThat(assistant.path("traits")).isNotEmpty();
        assertThat(assistant.at("/traits/0/intensity").asDouble()).isBetween(0.0, 1.0);

        // AND an explicit state replaces it, keeping the learned one in the history
        Reply set = call("PUT", "/api/users/learning-user/emotional-state", """
                {"level": 0.4, "state": "hopeful", "triggers": ["revision plan"]}""");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().at("/current/state").asText()).isEqualTo("hopeful");
        assertThat(set.body().at("/history/0/state").asText()).isEqualTo("anxious");
    }

    @Test
    void theSameInteractionDeliveredTwiceIsLearnedOnce() {
        // GIVEN one turn, learned from
        EndToEndTest.createPersona("twice-ada");
        JsonNode reply = chat("twice-ada", "twice-user", "Hello there, I like long walks.");
        awaitDrained();
        long memories = stats().path("memories").asLong();

        // WHEN SQS delivers its interaction again, twice (at-least-once delivery)
        Reply messages = call("GET", "/api/sessions/" + reply.path("sessionId").asText() + "/messages?personaId=twice-ada", null);
        JsonNode question = messages.body().at("/messages/0");
        JsonNode answer = messages.body().at("/messages/1");
        InteractionRecorded again = new InteractionRecorded(answer.path("messageId").asText(), "default", "twice-ada",
                "twice-user", reply.path("sessionId").asText(), question.path("messageId").asText(),
                question.path("content").asText(), answer.path("content").asText(), answer.path("model").asText(),
                new Usage(answer.at("/usage/inputTokens").asInt(), answer.at("/usage/outputTokens").asInt()),
                Instant.parse(answer.path("createdAt").asText()));
        for (int i = 0; i < 2; i++) {
            queues().client().sendMessage(m -> m.queueUrl(queues().url(QUEUE)).messageBody(InteractionJson.write(again)));
        }
        awaitDrained();

        // THEN one memory and one usage record, as before
        assertThat(stats().path("memories").asLong()).isEqualTo(memories);
        try (DynamoDbClient dynamoDb = dynamoDb()) {
            DynamoDbLearningRepository learning = new DynamoDbLearningRepository(dynamoDb,
                    LocalRunner.runner().tableName(), Clock.systemUTC());
            assertThat(learning.usage(UsageScope.USER, "twice-user").interactions()).isEqualTo(1);
        }
        assertThat(call("GET", "/api/users/twice-user/profile", null).body().at("/profile/interactions").asLong())
                .isEqualTo(1);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAfterThreeReceives() {
        // GIVEN
        long deadBefore = queues().depth(DEAD_LETTERS);

        // WHEN a message no worker can read arrives
        queues().client().sendMessage(m -> m.queueUrl(queues().url(QUEUE)).messageBody("{\"not\":\"an interaction\"}"));
        awaitDrained();

        // THEN after its third failed receive it sits in the dead-letter queue
        assertThat(queues().depth(DEAD_LETTERS)).isEqualTo(deadBefore + 1);
    }

    /** One session per persona and user: a session belongs to the one user who chats in it. */
    private static JsonNode chat(String personaId, String userId, String message) {
        Reply reply = call("POST", "/api/chat", """
                {"personaId": "%s", "sessionId": "%s-%s", "userId": "%s", "message": "%s"}"""
                .formatted(personaId, personaId, userId, userId, message));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.body();
    }

    private static JsonNode stats() {
        Reply stats = call("GET", "/api/stats", null);
        assertThat(stats.status()).isEqualTo(200);
        return stats.body();
    }

    private static LocalQueues queues() {
        return LocalRunner.runner().queues();
    }

    private static void awaitDrained() {
        assertThat(queues().awaitDrained(QUEUE, DRAIN)).as("the interactions queue drains").isTrue();
    }

    private static DynamoDbClient dynamoDb() {
        return DynamoDbClients.create("us-east-1", Optional.of(LocalRunner.runner().dynamoDbEndpoint()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
