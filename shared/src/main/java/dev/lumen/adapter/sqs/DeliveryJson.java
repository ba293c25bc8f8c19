package dev.lumen.adapter.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The delivery queue's message body: {@code {"userId":"…","messageId":"…"}}. Only the ids — the outbox
 * holds the message — so a dead letter names exactly which outbox item failed.
 */
public final class DeliveryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One queued delivery. */
    public record Delivery(String userId, String messageId) {
    }

    private DeliveryJson() {
    }

    public static String write(String userId, String messageId) {
        return JSON.createObjectNode().put("userId", userId).put("messageId", messageId).toString();
    }

    /** @throws IllegalArgumentException when the body is not a delivery */
    public static Delivery read(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            String userId = node == null ? null : node.path("userId").asText(null);
            String messageId = node == null ? null : node.path("messageId").asText(null);
            if (userId == null || userId.isBlank() || messageId == null || messageId.isBlank()) {
                throw new IllegalArgumentException("a delivery names userId and messageId");
            }
            return new Delivery(userId, messageId);
        } catch (IOException e) {
            throw new IllegalArgumentException("a delivery is JSON", e);
        }
    }
}
