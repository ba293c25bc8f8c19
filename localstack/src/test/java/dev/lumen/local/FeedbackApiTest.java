package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.Ids;
import dev.lumen.local.EndToEndTest.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/messages/{messageId}/feedback} through the local runner (DynamoDB Local, the
 * interaction queue, the route from {@code template.yaml}): a chatted reply is rated, the rating
 * shows on the message and teaches the profile, a re-rating replaces it, bad input changes nothing.
 * With authentication off every request is the dev user ({@code dev-user}, an admin); the chat
 * names that user, so the messages are the caller's own.
 */
@ExtendWith(LocalRunner.class)
class FeedbackApiTest {
    private static final String USER = "dev-user";

    @Test
    void aReplyIsRatedShownOnTheMessageLearnedFromAndReRated() {
        // GIVEN one chatted turn
        String personaId = "fb-" + Ids.random();
        String sessionId = "fb-session-" + Ids.random();
        EndToEndTest.createPersona(personaId);
        Reply chat = call("POST", "/api/chat", """
                {"personaId": "%s", "sessionId": "%s", "userId": "%s", "message": "How do I plan my week?"}"""
                .formatted(personaId, sessionId, USER));
        assertThat(chat.status()).as(chat.body().toString()).isEqualTo(200);
        String replyId = chat.body().path("messageId").asText();
        assertThat(LocalRunner.runner().queues().awaitDrained("InteractionsQueue", Duration.ofMinutes(2))).isTrue();
        String comment = "Too many bullet lists " + Ids.random();

        // WHEN the reply is rated low with a comment
        Reply rated = call("POST", "/api/messages/" + replyId + "/feedback",
                "{\"rating\": 2, \"comment\": \"" + comment + "\"}");

        // THEN the answer carries the rating and the satisfaction with the persona
        assertThat(rated.status()).as(rated.body().toString()).isEqualTo(200);
        assertThat(rated.body().at("/feedback/rating").asInt()).isEqualTo(2);
        assertThat(rated.body().path("replaced").asBoolean()).isFalse();
        assertThat(rated.body().at("/satisfaction/ratings").asLong()).isEqualTo(1);
        assertThat(rated.body().at("/satisfaction/meanRating").asDouble()).isEqualTo(2.0);
        // AND the session's history shows it on the message
        assertThat(feedbackOf(personaId, sessionId, replyId).path("rating").asInt()).isEqualTo(2);
        assertThat(feedbackOf(personaId, sessionId, replyId).path("comment").asText()).isEqualTo(comment);
        // AND the profile learned what to avoid
        assertThat(preferences()).contains("avoid: " + comment);

        // WHEN it is rated again
        Reply again = call("POST", "/api/messages/" + replyId + "/feedback", "{\"rating\": 5}");

        // THEN the rating is replaced, not added
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.body().path("replaced").asBoolean()).isTrue();
        assertThat(again.body().at("/satisfaction/ratings").asLong()).isEqualTo(1);
        assertThat(again.body().at("/satisfaction/meanRating").asDouble()).isEqualTo(5.0);
        assertThat(feedbackOf(personaId, sessionId, replyId).path("rating").asInt()).isEqualTo(5);

        // AND bad input is a 400 naming the field (or a 404 for an unknown message) and changes nothing
        String userMessageId = messages(personaId, sessionId).get(0).path("messageId").asText();
        Map<String, String> bad = Map.of(
                "{\"rating\": 0}", "rating",
                "{\"rating\": 3.5}", "rating",
                "{\"rating\": \"4\"}", "rating",
                "{\"comment\": \"no rating\"}", "rating",
                "{\"rating\": 3, \"comment\": \"" + "x".repeat(2_001) + "\"}", "comment",
                "{\"rating\": 3, \"mood\": \"meh\"}", "mood");
        bad.forEach((body, field) -> {
            Reply refused = call("POST", "/api/messages/" + replyId + "/feedback", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.body().at("/error/message").asText()).as(body).contains(field);
        });
        Reply notRateable = call("POST", "/api/messages/" + userMessageId + "/feedback", "{\"rating\": 1}");
        assertThat(notRateable.status()).isEqualTo(400);
        assertThat(notRateable.body().at("/error/code").asText()).isEqualTo("not_rateable");
        Reply unknown = call("POST", "/api/messages/msg-" + Ids.random() + "/feedback", "{\"rating\": 1}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(feedbackOf(personaId, sessionId, replyId).path("rating").asInt()).isEqualTo(5);
        assertThat(feedbackOf(personaId, sessionId, userMessageId).isMissingNode()
                || feedbackOf(personaId, sessionId, userMessageId).isNull()).isTrue();
    }

    private static List<JsonNode> messages(String personaId, String sessionId) {
        Reply reply = call("GET", "/api/sessions/" + sessionId + "/messages?personaId=" + personaId, null);
        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        reply.body().path("messages").forEach(out::add);
        return out;
    }

    private static JsonNode feedbackOf(String personaId, String sessionId, String messageId) {
        return messages(personaId, sessionId).stream().filter(m -> m.path("messageId").asText().equals(messageId))
                .findFirst().orElseThrow().path("feedback");
    }

    private static List<String> preferences() {
        Reply profile = call("GET", "/api/users/" + USER + "/profile", null);
        assertThat(profile.status()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        profile.body().at("/profile/preferences").forEach(p -> out.add(p.asText()));
        return out;
    }
}
