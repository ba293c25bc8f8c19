package dev.lumen.functions.usage;

import static dev.lumen.functions.HandlerFixture.assertError;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.usage.ChargedCall;
import dev.lumen.domain.usage.UsageReport;
import dev.lumen.fakes.InMemoryUsageLedger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageHandlerTest {
    private static final Instant NOW = Instant.parse("2026-01-20T12:00:00Z");
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final UsageHandler handler = new UsageHandler(new UsageReport(ledger, Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void reportsTheUsersDaysTotalsAndPersonas() {
        // GIVEN three calls of user-52e8 on two days with two personas, one of another user, one outside the range
        record("c1", "user-52e8", "p-ada", "2026-01-05T10:15:30Z", 412, 38, "0.0001505");
        record("c2", "user-52e8", "p-ada", "2026-01-06T09:00:00Z", 100, 20, "0.00005");
        record("c3", "user-52e8", "p-bo", "2026-01-06T09:30:00Z", 200, 40, "0.0001");
        record("c4", "user-other", "p-ada", "2026-01-06T09:30:00Z", 999, 99, "0.5");
        record("c5", "user-52e8", "p-ada", "2026-02-01T00:00:00Z", 1, 1, "0.1");

        // WHEN the sample event asks for January
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("get-usage.json"), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("userId").asText()).isEqualTo("user-52e8");
        assertThat(body.path("from").asText()).isEqualTo("2026-01-01");
        assertThat(body.path("to").asText()).isEqualTo("2026-01-31");
        assertThat(body.path("days")).hasSize(2);
        assertThat(body.at("/days/0/date").asText()).isEqualTo("2026-01-05");
        assertThat(body.at("/days/1/calls").asLong()).isEqualTo(2);
        assertThat(body.at("/days/1/inputTokens").asLong()).isEqualTo(300);
        assertThat(body.at("/totals/calls").asLong()).isEqualTo(3);
        assertThat(body.at("/totals/outputTokens").asLong()).isEqualTo(98);
        assertThat(body.at("/totals/costUsd").decimalValue()).isEqualByComparingTo("0.0003005");
        // exact decimals, written plainly (never 3.005E-4)
        assertThat(response.getBody()).contains("\"costUsd\":0.0003005").doesNotContain("E-");
        assertThat(body.path("personas")).hasSize(2);
        assertThat(body.at("/personas/0/personaId").asText()).isEqualTo("p-ada");
        assertThat(body.at("/personas/0/calls").asLong()).isEqualTo(2);
    }

    @Test
    void aCreatorsReportDefaultsToTheLast30Days() {
        // GIVEN
        ledger.record(new ChargedCall("k1", "u1", "p1", "coach-1", "m", new Usage(5, 5), BigDecimal.ONE,
                Instant.parse("2025-12-22T00:00:00Z")));
        ledger.record(new ChargedCall("k2", "u1", "p1", "coach-1", "m", new Usage(5, 5), BigDecimal.ONE,
                Instant.parse("2025-12-21T23:59:59Z")));

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(query(Map.of("creatorId", "coach-1")), null);

        // THEN 2025-12-22 .. 2026-01-20: thirty days, today included
        JsonNode body = json(response);
        assertThat(body.path("from").asText()).isEqualTo("2025-12-22");
        assertThat(body.path("to").asText()).isEqualTo("2026-01-20");
        assertThat(body.at("/totals/calls").asLong()).isEqualTo(1);
    }

    @Test
    void badQueriesAre400() {
        assertError(handler.handleRequest(query(Map.of()), null), 400, "exactly one of 'userId', 'creatorId' and 'agent'");
        assertError(handler.handleRequest(query(Map.of("userId", "u1", "creatorId", "c1")), null), 400, "exactly one");
        assertError(handler.handleRequest(query(Map.of("userId", "u1", "from", "2026-13-01")), null), 400, "YYYY-MM-DD");
        assertError(handler.handleRequest(query(Map.of("userId", "u1", "from", "2026-01-10", "to", "2026-01-01")),
                null), 400, "'from' must not be after 'to'");
        assertError(handler.handleRequest(query(Map.of("userId", "u1", "from", "2024-01-01", "to", "2026-01-01")),
                null), 400, "at most 366 days");
        assertError(handler.handleRequest(query(Map.of("userId", "u#1")), null), 400, "userId");
    }

    @Test
    void anAdminSeesAnAgentsSpendingPerDay() {
        // GIVEN two examination calls of Imperium on one day, one of Sandbox
        ledger.record(ChargedCall.forAgent("agent:r1:answer:kv-basic-01:1", "imperium", "anthropic.claude-3-haiku-20240307-v1:0",
                new Usage(3600, 200), new BigDecimal("0.00115"), Instant.parse("2026-01-19T10:00:00Z")));
        ledger.record(ChargedCall.forAgent("agent:r1:grade:kv-basic-01:1", "imperium", "anthropic.claude-3-haiku-20240307-v1:0",
                new Usage(3600, 200), new BigDecimal("0.00115"), Instant.parse("2026-01-19T10:00:01Z")));
        ledger.record(ChargedCall.forAgent("agent:r2:answer:kv-basic-01:1", "sandbox", "m", new Usage(1, 1),
                BigDecimal.ONE, Instant.parse("2026-01-19T10:00:00Z")));

        // WHEN an admin asks for Imperium's (named in any case)
        APIGatewayV2HTTPResponse response = handler.handleRequest(query(Map.of("agent", "Imperium",
                "from", "2026-01-01", "to", "2026-01-20")), null);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("agent").asText()).isEqualTo("imperium");
        assertThat(body.has("userId")).isFalse();
        assertThat(body.path("days")).hasSize(1);
        assertThat(body.at("/days/0/date").asText()).isEqualTo("2026-01-19");
        assertThat(body.at("/totals/calls").asLong()).isEqualTo(2);
        assertThat(body.at("/totals/inputTokens").asLong()).isEqualTo(7200);
        assertThat(body.at("/totals/costUsd").decimalValue()).isEqualByComparingTo("0.0023");
        assertThat(body.path("personas")).isEmpty();
    }

    @Test
    void anAgentsSpendingIsForAdminsOnlyAndMustNameAnAgent() {
        // a user or a creator may not see it
        assertError(handler.handleRequest(dev.lumen.functions.HandlerFixture.asUser(query(Map.of("agent", "imperium")),
                "user-52e8"), null), 403, "");
        assertError(handler.handleRequest(dev.lumen.functions.HandlerFixture.asCreator(query(Map.of("agent", "imperium")),
                "coach-1"), null), 403, "");
        // an admin must name one known agent, and only that
        assertError(handler.handleRequest(query(Map.of("agent", "skynet")), null), 400, "imperium, guardian, sandbox, conquest");
        assertError(handler.handleRequest(query(Map.of("agent", "imperium", "userId", "u1")), null), 400, "exactly one");
        assertError(handler.handleRequest(query(Map.of("agent", "imperium", "creatorId", "c1")), null), 400, "exactly one");
    }

    private void record(String id, String user, String persona, String at, int in, int out, String cost) {
        ledger.record(new ChargedCall(id, user, persona, "creator-7f3a", "anthropic.claude-3-haiku-20240307-v1:0",
                new Usage(in, out), new BigDecimal(cost), Instant.parse(at)));
    }

    private static APIGatewayV2HTTPEvent query(Map<String, String> params) {
        APIGatewayV2HTTPEvent event = event("get-usage.json");
        event.setQueryStringParameters(new HashMap<>(params));
        return event;
    }
}
