package dev.lumen.functions.health;

import static dev.lumen.functions.HandlerFixture.asUser;
import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.domain.health.DatabaseProbe;
import dev.lumen.domain.health.SystemStatus;
import dev.lumen.functions.agent.AgentPlatformFixture;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class StatusHandlersTest {

    @Test
    void databaseHealthReportsTheTableAndItsLatency() {
        DatabaseProbe probe = () -> new DatabaseProbe.DatabaseHealth("dynamodb", true, "ACTIVE", 12, null);

        APIGatewayV2HTTPResponse response = new DatabaseHealthHandler(probe).handleRequest(event("database-health.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("database").asText()).isEqualTo("dynamodb");
        assertThat(body.path("reachable").asBoolean()).isTrue();
        assertThat(body.path("tableStatus").asText()).isEqualTo("ACTIVE");
        assertThat(body.path("latencyMs").asLong()).isEqualTo(12);
        assertThat(body.has("error")).isFalse();
    }

    @Test
    void anUnreachableOrNotActiveDatabaseIs503Json() {
        APIGatewayV2HTTPResponse down = new DatabaseHealthHandler(
                () -> new DatabaseProbe.DatabaseHealth("dynamodb", false, null, 2003, "DynamoDB did not answer"))
                .handleRequest(event("database-health.json"), null);
        APIGatewayV2HTTPResponse updating = new DatabaseHealthHandler(
                () -> new DatabaseProbe.DatabaseHealth("dynamodb", true, "UPDATING", 40, null))
                .handleRequest(event("database-health.json"), null);

        assertThat(down.getStatusCode()).isEqualTo(503);
        assertThat(json(down).path("status").asText()).isEqualTo("unavailable");
        assertThat(json(down).path("reachable").asBoolean()).isFalse();
        assertThat(json(down).at("/error/code").asText()).isEqualTo("database_unavailable");
        assertThat(json(down).at("/error/message").asText()).isEqualTo("DynamoDB did not answer");
        assertThat(updating.getStatusCode()).isEqualTo(503);
        assertThat(json(updating).at("/error/message").asText()).contains("UPDATING");
    }

    @Test
    void statusShowsBuildQueuesAndAgentsToAdminsOnly() {
        Map<String, LongSupplier> queues = new LinkedHashMap<>();
        queues.put("interactions", () -> 3);
        queues.put("agent-work", () -> 1);
        StatusHandler handler = new StatusHandler(new SystemStatus("0.1.0", "dev", queues,
                new AgentPlatformFixture().cycles::status, Clock.systemUTC()));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("status.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("service").asText()).isEqualTo("lumen");
        assertThat(body.path("version").asText()).isEqualTo("0.1.0");
        assertThat(body.path("stage").asText()).isEqualTo("dev");
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("time").asText()).isNotBlank();
        assertThat(body.at("/queues/interactions").asLong()).isEqualTo(3);
        assertThat(body.at("/queues/agent-work").asLong()).isEqualTo(1);
        assertThat(body.path("agents").findValuesAsText("agent")).containsExactly("imperium", "guardian", "sandbox", "conquest");
        assertThat(handler.handleRequest(asUser(event("status.json"), "user-1"), null).getStatusCode()).isEqualTo(403);
    }
}
