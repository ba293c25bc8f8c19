package dev.lumen.functions.health;

import static dev.lumen.functions.HandlerFixture.event;
import static dev.lumen.functions.HandlerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.health.HealthCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthHandlerTest {

    static HealthCheck check(String name, boolean healthy) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void check() {
                if (!healthy) {
                    throw new IllegalStateException("connection refused to 10.0.0.7");
                }
            }
        };
    }

    @Test
    void okWhenEveryCheckPasses() {
        APIGatewayV2HTTPResponse response = new HealthHandler(List.of(check("dynamodb", true))).handleRequest(event("health.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("ok");
        assertThat(json(response).at("/checks/dynamodb").asText()).isEqualTo("ok");
    }

    @Test
    void degradedWithoutLeakingTheCause() {
        APIGatewayV2HTTPResponse response = new HealthHandler(List.of(check("dynamodb", false))).handleRequest(event("health.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(json(response).path("status").asText()).isEqualTo("degraded");
        assertThat(json(response).at("/checks/dynamodb").asText()).isEqualTo("unavailable");
        assertThat(response.getBody()).doesNotContain("10.0.0.7");
    }
}
