package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.adapter.dynamodb.DynamoDbClients;
import dev.lumen.domain.Ids;
import dev.lumen.local.EndToEndTest.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.lumen.testing.LocalDynamoDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code DELETE /api/users/{userId}} through the local runner: after a user chatted, was learned
 * from (memories in the vector store, emotional state, profile, patterns, usage) and set their
 * state by hand, erasure leaves no item in the table that names them and no memory of them in the
 * vector store, while another user of the same persona keeps everything.
 */
@ExtendWith(LocalRunner.class)
class ErasureTest {
    private static final String QUEUE = "InteractionsQueue";

    @Test
    void nothingOfAnErasedUserRemainsInTheTableOrTheVectorStore() {
        // GIVEN two users of one persona; the first chats in two sessions and sets their state
        String personaId = "erase-" + Ids.random();
        String gone = "gone-" + Ids.random();
        String kept = "kept-" + Ids.random();
        EndToEndTest.createPersona(personaId);
        String ratedReply = null;
        for (int i = 0; i < 3; i++) {
            String replyId = chat(personaId, gone, "session-a-" + gone + (i % 2), "My goal is to run a marathon, week " + i + " was hard.");
            ratedReply = ratedReply == null ? replyId : ratedReply;
        }
        // A rating puts the user in the activity feed and on the message; the turn wrote message references.
        assertThat(call("POST", "/api/messages/" + ratedReply + "/feedback", "{\"rating\": 2, \"comment\": \"slower\"}")
                .status()).isEqualTo(200);
        chat(personaId, kept, "session-b-" + kept, "My goal is to run a marathon too.");
        assertThat(call("PUT", "/api/users/" + gone + "/emotional-state",
                "{\"level\": 0.4, \"state\": \"tired\", \"triggers\": [\"training\"]}").status()).isEqualTo(200);
        // Proactive engagement keeps the user's goals and time zone (and messages, which name the user too).
        assertThat(call("PUT", "/api/users/" + gone + "/goals/marathon",
                "{\"goal\": \"Run a marathon\", \"progress\": 0.2, \"expected\": 0.4}").status()).isEqualTo(200);
        assertThat(call("PUT", "/api/users/" + gone + "/time-zone", "{\"timeZone\": \"Europe/Berlin\"}").status())
                .isEqualTo(200);
        try (DynamoDbClient dynamoDb = DynamoDbClients.create("us-east-1", Optional.of(LocalRunner.runner().dynamoDbEndpoint()))) {
            java.time.Instant now = java.time.Instant.now();
            new dev.lumen.adapter.dynamodb.DynamoDbProactiveOutbox(dynamoDb, LocalRunner.runner().tableName()).add(
                    new dev.lumen.domain.proactive.ProactiveMessage("p-" + Ids.random(), gone, personaId,
                            new dev.lumen.domain.proactive.Trigger(dev.lumen.domain.proactive.TriggerType.INACTIVITY, 3.0, Map.of()),
                            "How is the marathon training going?", now, now.plus(Duration.ofDays(1)),
                            dev.lumen.domain.proactive.Channel.WEBHOOK, dev.lumen.domain.proactive.ProactiveState.PLANNED));
        }
        assertThat(LocalRunner.runner().queues().awaitDrained(QUEUE, Duration.ofMinutes(2))).isTrue();
        assertThat(memories(personaId, gone)).hasSize(3);
        assertThat(itemsNaming(gone)).as("the user is in the table before erasure").isNotEmpty();

        // WHEN the user is erased
        Reply erased = call("DELETE", "/api/users/" + gone, null);

        // THEN the response counts what went, no item names the user, no memory of them is found
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.body().path("sessions").asInt()).isEqualTo(2);
        assertThat(erased.body().path("messages").asInt()).isEqualTo(6);
        assertThat(itemsNaming(gone)).isEmpty();
        assertThat(call("POST", "/api/messages/" + ratedReply + "/feedback", "{\"rating\": 3}").status())
                .as("the erased reply (and its reference) is gone").isEqualTo(404);
        assertThat(memories(personaId, gone)).isEmpty();
        assertThat(call("GET", "/api/users/" + gone + "/profile", null).body().at("/profile/interactions").asLong())
                .isZero();
        // AND the other user keeps their messages and memory
        assertThat(memories(personaId, kept)).hasSize(1);
        assertThat(call("GET", "/api/sessions/session-b-" + kept + "/messages?personaId=" + personaId, null)
                .body().path("messages")).hasSize(2);
        // AND erasing again is harmless and finds nothing
        Reply again = call("DELETE", "/api/users/" + gone, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("messages").asInt()).isZero();
    }

    @Test
    void aMalformedUserIdIsA400() {
        Reply reply = call("DELETE", "/api/users/bad%23id", null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().at("/error/code").asText()).isNotBlank();
    }

    /** @return the reply's message id */
    private static String chat(String personaId, String userId, String sessionId, String message) {
        Reply reply = call("POST", "/api/chat", """
                {"personaId": "%s", "sessionId": "%s", "userId": "%s", "message": "%s"}"""
                .formatted(personaId, sessionId, userId, message));
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        return reply.body().path("messageId").asText();
    }

    private static List<?> memories(String personaId, String userId) {
        Reply reply = call("GET", "/api/personas/" + personaId + "/memories?k=50&q=marathon&userId=" + userId, null);
        assertThat(reply.status()).isEqualTo(200);
        List<Object> found = new ArrayList<>();
        reply.body().path("memories").forEach(found::add);
        return found;
    }

    /** Every item of the whole table with a key or value (at any depth) that contains the id. */
    private static List<Map<String, AttributeValue>> itemsNaming(String userId) {
        List<Map<String, AttributeValue>> naming = new ArrayList<>();
        try (DynamoDbClient dynamoDb = DynamoDbClients.create("us-east-1",
                Optional.of(LocalRunner.runner().dynamoDbEndpoint()))) {
            LocalDynamoDb.scan(dynamoDb, LocalRunner.runner().tableName()).stream()
                    .filter(item -> names(item.values(), userId)).forEach(naming::add);
        }
        return naming;
    }

    private static boolean names(Iterable<AttributeValue> values, String userId) {
        for (AttributeValue value : values) {
            if ((value.s() != null && value.s().contains(userId))
                    || (value.hasSs() && value.ss().stream().anyMatch(s -> s.contains(userId)))
                    || (value.hasL() && names(value.l(), userId))
                    || (value.hasM() && (names(value.m().values(), userId)
                    || value.m().keySet().stream().anyMatch(k -> k.contains(userId))))) {
                return true;
            }
        }
        return false;
    }
}
