package dev.lumen.functions.stats;

import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.stats.Counts;
import dev.lumen.domain.stats.StatsService;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class StatsHandlerTest {

    @Test
    void reportsEveryCountAndTheQueueDepth() {
        StatsService stats = new StatsService(now -> new Counts(2, 40, 19, 3, 7, 1), () -> 5, Clock.systemUTC());

        APIGatewayV2HTTPResponse response = new StatsHandler(stats).handleRequest(event("stats.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("personas").asLong()).isEqualTo(2);
        assertThat(body.path("messages").asLong()).isEqualTo(40);
        assertThat(body.path("memories").asLong()).isEqualTo(19);
        assertThat(body.path("emotionalStates").asLong()).isEqualTo(3);
        assertThat(body.path("patterns").asLong()).isEqualTo(7);
        assertThat(body.path("queueDepth").asLong()).isEqualTo(5);
        assertThat(body.path("typingUsers").asLong()).isEqualTo(1);
    }

    @Test
    void aQueueThatCannotBeAskedReportsMinusOneRatherThanFailing() {
        StatsService stats = new StatsService(now -> new Counts(0, 0, 0, 0, 0, 0), () -> {
            throw new IllegalStateException("queue down (simulated)");
        }, Clock.systemUTC());

        APIGatewayV2HTTPResponse response = new StatsHandler(stats).handleRequest(event("stats.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("queueDepth").asLong()).isEqualTo(-1);
    }
}
