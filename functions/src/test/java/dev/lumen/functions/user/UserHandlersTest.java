package dev.lumen.functions.user;

import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static dev.lumen.functions.HandlerFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.learning.UserInsights;
import dev.lumen.fakes.InMemoryLearningRepository;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class UserHandlersTest {
    private final InMemoryLearningRepository learning = new InMemoryLearningRepository();
    private final UserInsights insights = new UserInsights(learning, Clock.systemUTC());

    @Test
    void anExplicitStateIsSetThenReadBackWithTheEarlierOneInItsHistory() {
        // GIVEN an earlier state
        new PutEmotionalStateHandler(insights).handleRequest(withBody("put-emotional-state.json",
                "{\"level\":0.3,\"state\":\"calm\"}"), null);

        // WHEN
        APIGatewayV2HTTPResponse put = new PutEmotionalStateHandler(insights)
                .handleRequest(event("put-emotional-state.json"), null);
        APIGatewayV2HTTPResponse get = new GetEmotionalStateHandler(insights)
                .handleRequest(event("get-emotional-state.json"), null);

        // THEN
        assertThat(put.getStatusCode()).isEqualTo(200);
        assertThat(get.getStatusCode()).isEqualTo(200);
        JsonNode state = json(get);
        assertThat(state.path("userId").asText()).isEqualTo("user-sam");
        assertThat(state.at("/current/state").asText()).isEqualTo("anxious");
        assertThat(state.at("/current/level").asDouble()).isEqualTo(0.7);
        assertThat(state.at("/current/triggers/0").asText()).isEqualTo("job interview");
        assertThat(state.at("/current/source").asText()).isEqualTo("explicit");
        assertThat(state.at("/history/0/state").asText()).isEqualTo("calm");
    }

    @Test
    void badStatesAre400AndChangeNothing() {
        PutEmotionalStateHandler put = new PutEmotionalStateHandler(insights);

        assertError(put.handleRequest(event("put-emotional-state-invalid.json"), null), 400, "'level'");
        assertError(put.handleRequest(withBody("put-emotional-state.json", "{\"level\":0.5,\"state\":\"Very Sad!\"}"), null),
                400, "'state'");
        assertError(put.handleRequest(withBody("put-emotional-state.json", "{\"level\":0.5,\"state\":\"sad\",\"triggers\":[1]}"), null),
                400, "'triggers'");
        assertError(put.handleRequest(withBody("put-emotional-state.json", "{\"state\":\"sad\"}"), null), 400, "'level'");
        assertError(put.handleRequest(withBody("put-emotional-state.json", "[]"), null), 400, "JSON object");

        assertError(new GetEmotionalStateHandler(insights).handleRequest(event("get-emotional-state.json"), null),
                404, "user-sam");
    }

    @Test
    void aUserWithNothingLearnedHasAnEmptyProfile() {
        // WHEN
        APIGatewayV2HTTPResponse response = new GetProfileHandler(insights).handleRequest(event("get-profile.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.at("/profile/userId").asText()).isEqualTo("user-sam");
        assertThat(body.at("/profile/goals").isArray()).isTrue();
        assertThat(body.at("/profile/goals")).isEmpty();
        assertThat(body.at("/profile/interactions").asLong()).isZero();
        assertThat(body.path("patterns").isArray()).isTrue();
    }
}
