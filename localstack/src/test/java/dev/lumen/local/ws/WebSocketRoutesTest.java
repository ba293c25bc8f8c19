package dev.lumen.local.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.TemplateException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the WebSocket API from template.yaml, as the runner serves it at /ws. */
class WebSocketRoutesTest {
    private static final Path PROJECT_TEMPLATE = Path.of("..", "template.yaml");

    @Test
    void theProjectTemplatesRoutesAllGoToTheRealtimeFunctionAndConnectIsAuthorized() {
        WebSocketRoutes routes = WebSocketRoutes.of(SamTemplate.load(PROJECT_TEMPLATE)).orElseThrow();

        assertThat(routes.selectionField()).isEqualTo("action");
        assertThat(routes.functions()).isEqualTo(Map.of("$connect", "RealtimeFunction", "$disconnect", "RealtimeFunction",
                "sendMessage", "RealtimeFunction", "typing", "RealtimeFunction", "$default", "RealtimeFunction"));
        assertThat(routes.connectAuthorized()).isTrue();
        assertThat(SamTemplate.load(PROJECT_TEMPLATE).function("RealtimeFunction").orElseThrow().events())
                .as("no HTTP events: the WebSocket routes are not HTTP routes").isEmpty();
    }

    @Test
    void aMessageTakesTheRouteItsActionNamesOrTheDefault() {
        WebSocketRoutes routes = WebSocketRoutes.of(SamTemplate.load(PROJECT_TEMPLATE)).orElseThrow();

        assertThat(routes.select("sendMessage")).contains("sendMessage");
        assertThat(routes.select("typing")).contains("typing");
        assertThat(routes.select("dance")).contains("$default");
        assertThat(routes.select(null)).contains("$default");
        // Special keys are never chosen by a message.
        assertThat(routes.select("$connect")).contains("$default");
        assertThat(new WebSocketRoutes("action", Map.of("sendMessage", "F"), false).select("dance")).isEmpty();
    }

    @Test
    void aTemplateWithoutAWebSocketApiHasNoneAndAnUnsupportedSelectionIsReported() {
        String withoutApi = """
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B::handleRequest}
                """;
        assertThat(WebSocketRoutes.of(SamTemplate.parse(withoutApi, "inline"))).isEmpty();
        String headerSelection = withoutApi + """
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties: {ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.header.x}
                """;
        assertThatThrownBy(() -> WebSocketRoutes.of(SamTemplate.parse(headerSelection, "inline")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("RouteSelectionExpression");
    }
}
