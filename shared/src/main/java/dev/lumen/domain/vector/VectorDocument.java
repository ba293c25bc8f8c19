package dev.lumen.domain.vector;

import java.time.Instant;
import java.util.Map;

/**
 * One indexed text with its vector.
 *
 * @param id         unique within its tenant in the index: writing the same tenant and id again replaces
 *                   the document, while another tenant's document with the same id is a different one
 * @param tenant     the creator that owns it; every search is confined to one tenant
 * @param attributes exact-match filter fields (e.g. {@code personaId}, {@code userId}, {@code sessionId})
 */
public record VectorDocument(String id, String tenant, String text, float[] vector,
                             Map<String, String> attributes, Instant createdAt) {

    public VectorDocument {
        attributes = Map.copyOf(attributes);
    }
}
