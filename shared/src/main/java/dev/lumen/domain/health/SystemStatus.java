package dev.lumen.domain.health;

import dev.lumen.domain.agent.AgentRun;
import dev.lumen.domain.agent.AgentStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/status}: what an operator wants on one screen — which build runs in which stage,
 * how much work waits in the queues, and how each agent's last run went. Cheap: one
 * GetQueueAttributes per queue and the agents' status (a Query and a GetItem each). A figure that
 * cannot be read is left out and the report says {@code degraded}, rather than failing the page.
 */
public final class SystemStatus {
    private static final Logger LOG = LoggerFactory.getLogger(SystemStatus.class);

    /** One agent's line. */
    public record AgentLine(String agent, String lastOutcome, Instant lastRunAt, Instant nextRunAt, Double successRate,
                            int level, boolean eligible) {
    }

    /** The whole report; {@code queues} maps a queue's name to its depth, absent when unknown. */
    public record Report(String service, String version, String stage, String status, Instant time,
                         Map<String, Long> queues, List<AgentLine> agents) {
    }

    private final String version;
    private final String stage;
    private final Map<String, LongSupplier> queueDepths;
    private final Supplier<List<AgentStatus>> agents;
    private final Clock clock;

    /**
     * @param queueDepths each queue's depth by a short name ({@code interactions}, {@code agent-work}, …)
     */
    public SystemStatus(String version, String stage, Map<String, LongSupplier> queueDepths,
                        Supplier<List<AgentStatus>> agents, Clock clock) {
        this.version = version;
        this.stage = stage;
        this.queueDepths = new LinkedHashMap<>(queueDepths);
        this.agents = agents;
        this.clock = clock;
    }

    public Report report() {
        boolean degraded = false;
        Map<String, Long> depths = new LinkedHashMap<>();
        for (Map.Entry<String, LongSupplier> queue : queueDepths.entrySet()) {
            try {
                depths.put(queue.getKey(), queue.getValue().getAsLong());
            } catch (RuntimeException e) {
                LOG.atWarn().setMessage("queue depth unknown").addKeyValue("queue", queue.getKey()).setCause(e).log();
                degraded = true;
            }
        }
        List<AgentLine> lines = new ArrayList<>();
        try {
            for (AgentStatus status : agents.get()) {
                AgentRun last = status.lastRun();
                lines.add(new AgentLine(status.agent().slug(), last == null ? null : last.outcome().name(),
                        last == null ? null : last.startedAt(), status.nextRunAt(), status.successRate(),
                        status.level(), status.eligible()));
            }
        } catch (RuntimeException e) {
            LOG.atWarn().setMessage("agent status unknown").setCause(e).log();
            degraded = true;
        }
        return new Report("lumen", version, stage, degraded ? "degraded" : "ok", clock.instant(), depths, List.copyOf(lines));
    }
}
