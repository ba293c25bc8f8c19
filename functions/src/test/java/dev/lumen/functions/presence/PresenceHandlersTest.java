package dev.lumen.functions.presence;

import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.presence.TypingService;
import dev.lumen.fakes.InMemoryTypingRepository;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class PresenceHandlersTest {
    private final TypingService typing = new TypingService(new InMemoryTypingRepository(), Clock.systemUTC());

    @Test
    void aTypingUserIsListedUntilCleared() {
        // WHEN
        APIGatewayV2HTTPResponse put = new PutTypingHandler(typing).handleRequest(event("put-typing.json"), null);
        APIGatewayV2HTTPResponse listed = new GetTypingHandler(typing).handleRequest(event("get-typing.json"), null);

        // THEN
        assertThat(put.getStatusCode()).isEqualTo(200);
        assertThat(json(put).path("expiresAt").asText()).isNotBlank();
        assertThat(json(listed).path("typing").findValuesAsText("userId")).containsExactly("user-sam");

        // AND once cleared, nobody is typing
        new PutTypingHandler(typing).handleRequest(withBody("put-typing.json", "{\"userId\":\"user-sam\",\"typing\":false}"), null);
        assertThat(json(new GetTypingHandler(typing).handleRequest(event("get-typing.json"), null)).path("typing")).isEmpty();
    }

    @Test
    void badInputIs400() {
        PutTypingHandler put = new PutTypingHandler(typing);
        assertError(put.handleRequest(withBody("put-typing.json", "{\"userId\":\"user-sam\"}"), null), 400, "'typing'");
        assertError(put.handleRequest(withBody("put-typing.json", "{\"userId\":\"user-sam\",\"typing\":\"yes\"}"), null),
                400, "'typing'");
        assertError(put.handleRequest(withBody("put-typing.json", "{\"userId\":\"a b\",\"typing\":true}"), null), 400, "'userId'");
        assertThat(json(new GetTypingHandler(typing).handleRequest(event("get-typing.json"), null)).path("typing")).isEmpty();
    }
}
