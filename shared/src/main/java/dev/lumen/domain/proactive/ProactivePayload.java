package dev.lumen.domain.proactive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON a proactive message is delivered as, on the webhook and over the WebSocket alike:
 * {@code {"type":"proactive","messageId","userId","personaId","trigger","text","plannedAt","deliverAt"}}.
 * The message id is the receiver's deduplication key: delivery is at least once.
 */
public final class ProactivePayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProactivePayload() {
    }

    public static String of(ProactiveMessage message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "proactive");
        node.put("messageId", message.id());
        node.put("userId", message.userId());
        node.put("personaId", message.personaId());
        node.put("trigger", message.trigger().type().name());
        node.put("text", message.text());
        node.put("plannedAt", message.plannedAt().toString());
        node.put("deliverAt", message.deliverAt().toString());
        return node.toString();
    }
}
