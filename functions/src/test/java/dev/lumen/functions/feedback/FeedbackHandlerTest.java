package dev.lumen.functions.feedback;

import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.chat.ChatReply;
import dev.lumen.domain.chat.ChatRequest;
import dev.lumen.domain.chat.Message;
import dev.lumen.domain.feedback.FeedbackService;
import dev.lumen.domain.persona.NewPersona;
import dev.lumen.fakes.InMemoryActivityFeed;
import dev.lumen.fakes.ScriptedChatModel;
import dev.lumen.functions.HandlerFixture;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedbackHandlerTest {
    private final HandlerFixture fixture = new HandlerFixture();
    private final InMemoryActivityFeed feed = new InMemoryActivityFeed();
    private final FeedbackHandler handler = new FeedbackHandler(
            new FeedbackService(fixture.conversations, fixture.learning, feed, Clock.systemUTC()));
    private ChatReply reply;

    @BeforeEach
    void aTurn() {
        fixture.personas.create(new NewPersona("persona-ada", "Ada", "A study coach", "coach-sleep",
                List.of(new NewPersona.NewTrait("warmth", "Warmth", "Kind", 0.5))));
        reply = fixture.chat(new ScriptedChatModel("One step at a time.")).chat(
                new ChatRequest("persona-ada", "session-1", "user-1", "Hello"));
    }

    private APIGatewayV2HTTPResponse rate(String messageId, String body) {
        APIGatewayV2HTTPEvent event = event("message-feedback.json");
        event.setPathParameters(Map.of("messageId", messageId));
        if (body != null) {
            event.setBody(body);
        }
        return handler.handleRequest(event, null);
    }

    @Test
    void theSampleEventRatesTheReplyAndTeachesTheProfile() {
        APIGatewayV2HTTPResponse response = rate(reply.messageId(), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("messageId").asText()).isEqualTo(reply.messageId());
        assertThat(body.path("feedback").path("rating").asInt()).isEqualTo(2);
        assertThat(body.path("feedback").path("comment").asText()).isEqualTo("Too long, I wanted one step.");
        assertThat(body.path("replaced").asBoolean()).isFalse();
        assertThat(body.path("satisfaction").path("meanRating").asDouble()).isEqualTo(2.0);
        assertThat(fixture.learning.profile("user-1").orElseThrow().preferences())
                .containsExactly("avoid: Too long, I wanted one step.");
        assertThat(feed.all()).hasSize(1);
    }

    @Test
    void reRatingReplaces() {
        rate(reply.messageId(), "{\"rating\":1}");
        JsonNode again = json(rate(reply.messageId(), "{\"rating\":5,\"comment\":\"better\"}"));

        assertThat(again.path("replaced").asBoolean()).isTrue();
        assertThat(again.path("satisfaction").path("ratings").asLong()).isEqualTo(1);
        assertThat(again.path("satisfaction").path("meanRating").asDouble()).isEqualTo(5.0);
        assertThat(feed.all()).singleElement().satisfies(a -> assertThat(a.attributes()).containsEntry("rating", "5"));
    }

    @Test
    void badInputIs400NamingTheFieldAndChangesNothing() {
        Map<String, String> cases = Map.of(
                "{\"rating\":0}", "rating",
                "{\"rating\":6}", "rating",
                "{\"rating\":4.5}", "rating",
                "{\"rating\":\"5\"}", "rating",
                "{\"comment\":\"no rating\"}", "rating",
                "{\"rating\":3,\"comment\":\"" + "x".repeat(2_001) + "\"}", "comment",
                "{\"rating\":3,\"comment\":7}", "comment",
                "{\"rating\":3,\"stars\":5}", "stars",
                "[1]", "object");
        cases.forEach((body, field) -> {
            APIGatewayV2HTTPResponse response = rate(reply.messageId(), body);
            assertThat(response.getStatusCode()).as(body).isEqualTo(400);
            assertThat(json(response).at("/error/message").asText()).as(body).contains(field);
        });
        assertThat(fixture.conversations.find(reply.messageId()).orElseThrow().feedback()).isNull();
        assertThat(feed.all()).isEmpty();
    }

    @Test
    void anUnknownMessageIs404AndAUserMessageIsNotRateable() {
        APIGatewayV2HTTPResponse unknown = rate("msg-unknown", "{\"rating\":3}");
        assertThat(unknown.getStatusCode()).isEqualTo(404);
        assertThat(json(unknown).at("/error/code").asText()).isEqualTo("message_not_found");

        Message question = fixture.conversations.latest("persona-ada", "session-1", 10).get(0);
        APIGatewayV2HTTPResponse own = rate(question.messageId(), "{\"rating\":3}");
        assertThat(own.getStatusCode()).isEqualTo(400);
        assertThat(json(own).at("/error/code").asText()).isEqualTo("not_rateable");
    }

    @Test
    void anotherUserIsForbidden() {
        APIGatewayV2HTTPEvent event = asUser(event("message-feedback.json"), "user-2");
        event.setPathParameters(Map.of("messageId", reply.messageId()));
        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(403);
        assertThat(fixture.conversations.find(reply.messageId()).orElseThrow().feedback()).isNull();
    }
}
