package dev.lumen.adapter.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.domain.knowledge.IngestRequested;

/** {@link IngestRequested} as the ingest queue's message body: {@code {creatorId, documentId, revision}}. */
public final class IngestJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestJson() {
    }

    public static String write(IngestRequested request) {
        ObjectNode node = JSON.createObjectNode()
                .put("creatorId", request.creatorId())
                .put("documentId", request.documentId())
                .put("revision", request.revision());
        return node.toString();
    }

    /** @throws IllegalArgumentException naming what is wrong with the body */
    public static IngestRequested read(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ingest request is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("ingest request is not a JSON object");
        }
        return new IngestRequested(text(node, "creatorId"), text(node, "documentId"), revision(node));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("ingest request has no " + field);
        }
        return value.textValue();
    }

    private static int revision(JsonNode node) {
        JsonNode value = node.get("revision");
        if (value == null || !value.canConvertToInt() || value.intValue() < 1) {
            throw new IllegalArgumentException("ingest request has no revision (a whole number from 1)");
        }
        return value.intValue();
    }
}
