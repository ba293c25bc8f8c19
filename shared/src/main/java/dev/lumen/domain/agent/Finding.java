package dev.lumen.domain.agent;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing an agent found in a cycle, with the evidence an operator needs to check it.
 *
 * @param id       stable within the run ({@code runId} + index), so a redelivered cycle stores it once
 * @param evidence flat facts: where it was found (ids), figures, the matched text (redacted when secret)
 */
public record Finding(String id, AgentType agent, String runId, FindingKind kind, Severity severity, String title,
                      String detail, Map<String, String> evidence, Instant at) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }
}
