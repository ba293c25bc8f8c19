package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.lumen.adapter.dynamodb.DynamoDbActivityFeed;
import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.adapter.dynamodb.DynamoDbProactiveOutbox;
import dev.lumen.adapter.webhook.SignedWebhook;
import dev.lumen.domain.Ids;
import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.proactive.Channel;
import dev.lumen.domain.proactive.ProactiveMessage;
import dev.lumen.domain.proactive.ProactiveState;
import dev.lumen.domain.proactive.Trigger;
import dev.lumen.domain.proactive.TriggerType;
import dev.lumen.local.EndToEndTest.Reply;
import dev.lumen.local.sqs.LocalQueues;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Proactive engagement through the local runner: the hourly evaluation over activity in DynamoDB, the
 * dispatcher schedule, the delivery queue (ElasticMQ, redrive after 3 receives) and the delivery worker
 * posting to a real loopback webhook that checks the HMAC signature.
 */
@ExtendWith(LocalRunner.class)
class ProactiveEngagementTest {
    private static final String QUEUE = "ProactiveDeliveryQueue";
    private static final String DEAD_LETTERS = "ProactiveDeliveryDeadLetterQueue";
    private static final String SECRET = "local-test-secret";
    private static final Duration DRAIN = Duration.ofSeconds(60);

    /** One request the webhook received, and whether its signature verified. */
    private record Received(String messageId, boolean signatureValid) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Per message id: how many more requests to answer 500 (default: all of them). */
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private HttpServer webhook;

    @AfterEach
    void stopWebhook() {
        System.clearProperty("LUMEN_PROACTIVE_WEBHOOK_URL");
        System.clearProperty("LUMEN_PROACTIVE_WEBHOOK_SECRET");
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void aUserIdle25HoursGetsOnePlannedMessageFromTheHourlyEvaluation() {
        // GIVEN a persona and a user whose last turn, in the activity feed, was 25 hours ago
        String personaId = "proactive-" + Ids.random();
        String userId = "idle-" + Ids.random();
        EndToEndTest.createPersona(personaId);
        try (DynamoDbClient dynamoDb = dynamoDb()) {
            new DynamoDbActivityFeed(dynamoDb, LocalRunner.runner().tableName()).record(new Activity(Ids.random(),
                    ActivityKind.CHAT_TURN, Instant.now().minus(Duration.ofHours(25)), "default", personaId, userId,
                    "s-" + userId, "POST /api/chat", "offline", 12, 30, 40, 0.0, false, Map.of()));
        }

        // WHEN the evaluation schedule fires, twice (a redelivered event)
        LocalRunner.runner().scheduler().fireNow("ProactiveEvaluationFunction", "Evaluate");
        LocalRunner.runner().scheduler().fireNow("ProactiveEvaluationFunction", "Evaluate");

        // THEN exactly one message, planned, in the persona's voice, listed for the user
        Reply listed = call("GET", "/api/users/" + userId + "/proactive", null);
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
        JsonNode messages = listed.body().path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("state").asText()).isEqualTo("PLANNED");
        assertThat(messages.get(0).path("trigger").asText()).isEqualTo("INACTIVITY");
        assertThat(messages.get(0).path("personaId").asText()).isEqualTo(personaId);
        assertThat(messages.get(0).path("text").asText()).isNotBlank();
        assertThat(messages.get(0).at("/evidence/idleHours").asText()).isEqualTo("25");
    }

    @Test
    void aWebhookThatAlwaysFailsIsTriedThreeTimesThenTheMessageIsFailedAndDeadLettered() throws Exception {
        // GIVEN a due message and a webhook answering 500
        startWebhook();
        ProactiveMessage message = due("failing-" + Ids.random());
        long deadBefore = queues().depth(DEAD_LETTERS);

        // WHEN the dispatcher runs
        LocalRunner.runner().scheduler().fireNow("ProactiveDispatchFunction", "Dispatch");
        assertThat(queues().awaitDrained(QUEUE, DRAIN)).as("the delivery queue drains").isTrue();

        // THEN three signed attempts, then FAILED with the reason, the whole message kept in the outbox
        assertThat(attemptsFor(message.id())).hasSize(3).allMatch(Received::signatureValid);
        ProactiveMessage stored = outbox().find(message.userId(), message.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ProactiveState.FAILED);
        assertThat(stored.failure()).contains("HTTP 500");
        assertThat(stored.text()).isEqualTo(message.text());
        // AND the dead-letter queue holds it, naming the message
        assertThat(queues().depth(DEAD_LETTERS)).isGreaterThanOrEqualTo(deadBefore + 1);
        assertThat(deadLetterBodies()).anySatisfy(body -> assertThat(body).contains(message.id()));
        // AND the API shows the state
        JsonNode listed = call("GET", "/api/users/" + message.userId() + "/proactive", null).body();
        assertThat(listed.at("/messages/0/state").asText()).isEqualTo("FAILED");
    }

    @Test
    void aWebhookThatFailsOnceThenSucceedsGetsTheMessageSentExactlyOnce() throws Exception {
        // GIVEN a due message and a webhook that answers 500 once, then 204
        startWebhook();
        ProactiveMessage message = due("flaky-" + Ids.random());
        failuresLeft.put(message.id(), new AtomicInteger(1));

        // WHEN the dispatcher runs, twice
        LocalRunner.runner().scheduler().fireNow("ProactiveDispatchFunction", "Dispatch");
        LocalRunner.runner().scheduler().fireNow("ProactiveDispatchFunction", "Dispatch");
        assertThat(queues().awaitDrained(QUEUE, DRAIN)).isTrue();

        // THEN two attempts (the first refused), both signed, and the message SENT once
        assertThat(attemptsFor(message.id())).hasSize(2).allMatch(Received::signatureValid);
        ProactiveMessage stored = outbox().find(message.userId(), message.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ProactiveState.SENT);
        assertThat(stored.settledAt()).isNotNull();
        assertThat(deadLetterBodies()).noneSatisfy(body -> assertThat(body).contains(message.id()));
    }

    @Test
    void aConnectedUserGetsTheMessageOverTheirWebSocketNotTheWebhook() throws Exception {
        // GIVEN the (dev) user connected over a real WebSocket, a webhook that would refuse, and a message for the socket
        startWebhook();
        try (dev.lumen.local.ws.WebSocketClient client = dev.lumen.local.ws.WebSocketClient.connect(RealtimeWebSocketTest.ws())) {
            ProactiveMessage message = due("dev-user", Channel.WEBSOCKET);

            // WHEN the dispatcher runs
            LocalRunner.runner().scheduler().fireNow("ProactiveDispatchFunction", "Dispatch");

            // THEN the frame arrives on the socket, the message is SENT, the webhook saw nothing of it
            JsonNode frame = client.next(1, DRAIN).get(0);
            assertThat(frame.path("type").asText()).isEqualTo("proactive");
            assertThat(frame.path("messageId").asText()).isEqualTo(message.id());
            assertThat(frame.path("text").asText()).isEqualTo(message.text());
            assertThat(queues().awaitDrained(QUEUE, DRAIN)).isTrue();
            assertThat(outbox().find("dev-user", message.id()).orElseThrow().state()).isEqualTo(ProactiveState.SENT);
            assertThat(attemptsFor(message.id())).isEmpty();
        }
    }

    /** A PLANNED webhook message of a new user, due a minute ago, written to the runner's outbox. */
    private static ProactiveMessage due(String userId) {
        return due(userId, Channel.WEBHOOK);
    }

    private static ProactiveMessage due(String userId, Channel channel) {
        Instant now = Instant.now();
        ProactiveMessage message = new ProactiveMessage("p-" + Ids.random(), userId, "coach",
                new Trigger(TriggerType.INACTIVITY, 3.04, Map.of("idleHours", "25")), "We have not talked for a while.",
                now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(1)), channel, ProactiveState.PLANNED);
        assertThat(outbox().add(message)).isTrue();
        return message;
    }

    /** A loopback receiver that verifies the signature the way the README tells receivers to. */
    private void startWebhook() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String messageId = exchange.getRequestHeaders().getFirst(SignedWebhook.MESSAGE_ID);
            String timestamp = exchange.getRequestHeaders().getFirst(SignedWebhook.TIMESTAMP);
            String signature = exchange.getRequestHeaders().getFirst(SignedWebhook.SIGNATURE);
            boolean valid = timestamp != null && signature != null
                    && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300
                    && java.security.MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                    ("v1=" + SignedWebhook.sign(SECRET.getBytes(StandardCharsets.UTF_8), timestamp, body))
                            .getBytes(StandardCharsets.UTF_8))
                    && body.contains("\"messageId\":\"" + messageId + "\"");
            received.add(new Received(messageId, valid));
            AtomicInteger left = failuresLeft.get(messageId);
            boolean fail = left == null || left.getAndDecrement() > 0;
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
        });
        webhook.start();
        System.setProperty("LUMEN_PROACTIVE_WEBHOOK_URL", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        System.setProperty("LUMEN_PROACTIVE_WEBHOOK_SECRET", SECRET);
    }

    private List<Received> attemptsFor(String messageId) {
        return received.stream().filter(r -> messageId.equals(r.messageId())).toList();
    }

    /** What the dead-letter queue holds, read without removing it (visible again at once). */
    private static List<String> deadLetterBodies() {
        List<Message> messages = queues().client().receiveMessage(r -> r.queueUrl(queues().url(DEAD_LETTERS))
                .maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(1)).messages();
        return messages.stream().map(Message::body).toList();
    }

    private static DynamoDbProactiveOutbox outbox() {
        return new DynamoDbProactiveOutbox(dynamoDb(), LocalRunner.runner().tableName());
    }

    private static LocalQueues queues() {
        return LocalRunner.runner().queues();
    }

    private static DynamoDbClient dynamoDb() {
        return DynamoDbClients.create("us-east-1", Optional.of(LocalRunner.runner().dynamoDbEndpoint()));
    }
}
