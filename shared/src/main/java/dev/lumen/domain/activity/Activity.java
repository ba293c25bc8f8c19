package dev.lumen.domain.activity;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the activity feed the agents study: who, where, which model, how long, how much.
 *
 * @param id         unique per event (the interaction id for a chat turn), so recording is idempotent
 * @param route      the API route or worker that did it, e.g. {@code POST /api/chat}
 * @param model      the model that answered, {@code fallback} when none could, empty when none was called
 * @param error      whether the event failed or degraded (fallback reply, failed ingestion)
 * @param attributes further facts by kind: {@code messageId}, {@code documentId}, {@code crisisSeverity}, …
 */
public record Activity(String id, ActivityKind kind, Instant at, String tenant, String personaId, String userId,
                       String sessionId, String route, String model, long latencyMs, long inputTokens,
                       long outputTokens, double costUsd, boolean error, Map<String, String> attributes) {

    public Activity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        route = route == null ? "" : route;
        model = model == null ? "" : model;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
