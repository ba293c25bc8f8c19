package dev.lumen.adapter.opensearch;

import static dev.lumen.adapter.opensearch.VectorIndexMapping.ATTRIBUTES;
import static dev.lumen.adapter.opensearch.VectorIndexMapping.CREATED_AT;
import static dev.lumen.adapter.opensearch.VectorIndexMapping.ID;
import static dev.lumen.adapter.opensearch.VectorIndexMapping.TENANT;
import static dev.lumen.adapter.opensearch.VectorIndexMapping.TEXT;
import static dev.lumen.adapter.opensearch.VectorIndexMapping.VECTOR;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.domain.vector.VectorDocument;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link VectorDocument} as an OpenSearch document ({@code _source}) and back, exactly: the vector
 * is written as floats (the shortest decimal that reads back as the same float) and read from the
 * decimal text, never through a double; {@code createdAt} keeps its nanoseconds in the ISO text even
 * though the date field indexes milliseconds.
 */
final class DocumentSource {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DocumentSource() {
    }

    /**
     * The {@code _id}: tenant and id together, so two tenants can use the same id without one
     * overwriting the other. ':' and '%' in the tenant are escaped, so no two (tenant, id) pairs
     * share an {@code _id} ("a:b" + "c" and "a" + "b:c" differ).
     */
    static String documentId(String tenant, String id) {
        return tenant.replace("%", "%25").replace(":", "%3A") + ":" + id;
    }

    static ObjectNode toSource(VectorDocument document) {
        ObjectNode source = JSON.objectNode();
        source.put(ID, document.id());
        source.put(TENANT, document.tenant());
        source.put(TEXT, document.text());
        if (document.createdAt() != null) {
            source.put(CREATED_AT, document.createdAt().toString());
        }
        ObjectNode attributes = source.putObject(ATTRIBUTES);
        document.attributes().forEach((name, value) -> attributes.put(VectorIndexMapping.attributeField(name), value));
        ArrayNode vector = source.putArray(VECTOR);
        for (float component : document.vector()) {
            vector.add(component);
        }
        return source;
    }

    static VectorDocument fromSource(JsonNode source) {
        JsonNode vectorNode = source.path(VECTOR);
        float[] vector = new float[vectorNode.size()];
        for (int i = 0; i < vector.length; i++) {
            // the exact decimal the node stored, rounded to float once
            vector[i] = vectorNode.get(i).decimalValue().floatValue();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        source.path(ATTRIBUTES).fields().forEachRemaining(field ->
                attributes.put(VectorIndexMapping.attributeName(field.getKey()), field.getValue().asText()));
        JsonNode createdAt = source.path(CREATED_AT);
        return new VectorDocument(source.path(ID).asText(), source.path(TENANT).asText(), source.path(TEXT).asText(),
                vector, attributes, createdAt.isTextual() ? Instant.parse(createdAt.asText()) : null);
    }
}
