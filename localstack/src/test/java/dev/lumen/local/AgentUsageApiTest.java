package dev.lumen.local;

import static dev.lumen.local.EndToEndTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.local.EndToEndTest.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An agent's model calls are metered as the deployed functions wire them: an examination asked over
 * HTTP and run by the agent worker shows in {@code GET /api/usage?agent=} — every answer and rubric
 * grade a call, with the offline model's estimated tokens at its price of zero.
 */
@ExtendWith(LocalRunner.class)
class AgentUsageApiTest {

    @Test
    void anExaminationsModelCallsAreChargedToTheAgent() throws InterruptedException {
        // GIVEN what Conquest had spent today before (other tests in this JVM may examine it too)
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long before = call("GET", "/api/usage?agent=conquest&from=" + today + "&to=" + today, null)
                .body().at("/totals/calls").asLong();

        // WHEN its examination is asked for and the worker has run it
        Reply queued = call("POST", "/api/custody/test/conquest", null);
        assertThat(queued.status()).isEqualTo(202);
        String runId = queued.body().path("runId").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)
                && !runId.equals(call("GET", "/api/custody", null).body().at("/agents/3/lastRunId").asText())) {
            Thread.sleep(250);
        }

        // THEN at least one call per test it sat is in Conquest's account, today; tokens counted, at no cost
        Reply usage = call("GET", "/api/usage?agent=conquest&from=" + today + "&to=" + today, null);
        assertThat(usage.status()).isEqualTo(200);
        JsonNode body = usage.body();
        assertThat(body.path("agent").asText()).isEqualTo("conquest");
        assertThat(body.at("/totals/calls").asLong() - before).isGreaterThanOrEqualTo(40);
        assertThat(body.at("/totals/inputTokens").asLong()).isPositive();
        assertThat(body.at("/totals/costUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(body.at("/days/0/date").asText()).isEqualTo(today);
        // AND an unknown agent is a 400
        assertThat(call("GET", "/api/usage?agent=skynet", null).status()).isEqualTo(400);
    }
}
