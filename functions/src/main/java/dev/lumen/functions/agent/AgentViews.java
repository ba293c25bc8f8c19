package dev.lumen.functions.agent;

import dev.lumen.domain.agent.AgentRun;
import dev.lumen.domain.agent.AgentStatus;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.error.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent routes' JSON: agents, kinds, triggers and finding kinds in lower case, as the paths and
 * bodies name them ({@code "agent":"guardian"}, {@code "kind":"cycle"}); outcomes and severities in
 * upper case, as statuses are elsewhere in the API.
 */
final class AgentViews {

    private AgentViews() {
    }

    record RunView(String runId, String agent, String kind, String trigger, Instant requestedAt, Instant startedAt,
                   Instant endedAt, String outcome, int itemsRead, int itemsWritten, List<String> errors, String summary) {
    }

    record StatusView(String agent, RunView lastRun, Instant nextRunAt, long periodMinutes, Double successRate,
                      int finishedRuns, int level, long xp, boolean eligible) {
    }

    record FindingView(String findingId, String agent, String runId, String kind, String severity, String title,
                       String detail, Map<String, String> evidence, Instant at) {
    }

    static RunView run(AgentRun run) {
        return run == null ? null : new RunView(run.runId(), run.agent().slug(), lower(run.kind()), lower(run.trigger()),
                run.requestedAt(), run.startedAt(), run.endedAt(), run.outcome().name(), run.itemsRead(),
                run.itemsWritten(), run.errors(), run.summary());
    }

    static StatusView status(AgentStatus status) {
        return new StatusView(status.agent().slug(), run(status.lastRun()), status.nextRunAt(), status.period().toMinutes(),
                status.successRate(), status.finishedRuns(), status.level(), status.xp(), status.eligible());
    }

    static FindingView finding(Finding f) {
        return new FindingView(f.id(), f.agent().slug(), f.runId(), lower(f.kind()), f.severity().name(), f.title(),
                f.detail(), f.evidence(), f.at());
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The path's agent, or a 400 {@code invalid_agent} naming the four. */
    static AgentType agent(Map<String, String> pathParameters) {
        return AgentType.parse("agent", pathParameters == null ? null : pathParameters.get("agent"));
    }

    /** An enum constant by its lower-case name ({@code -} for {@code _}), or a 400 naming the allowed values. */
    static <E extends Enum<E>> E constant(Class<E> type, String field, String value) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value.strip().replace('-', '_'))) {
                    return constant;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(lower(constant));
        }
        throw new ValidationException("invalid_" + field, "'" + field + "' must be one of " + allowed);
    }
}
