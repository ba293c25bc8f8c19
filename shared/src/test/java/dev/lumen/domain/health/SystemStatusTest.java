package dev.lumen.domain.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.agent.AgentRun;
import dev.lumen.domain.agent.AgentStatus;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.AgentWork;
import dev.lumen.domain.agent.Trigger;
import dev.lumen.domain.agent.WorkKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class SystemStatusTest {
    private static final Instant T = Instant.parse("2026-12-07T09:30:00Z");
    private final Clock clock = Clock.fixed(T, ZoneOffset.UTC);

    private static AgentStatus guardian() {
        AgentRun run = AgentRun.started(new AgentWork(AgentType.GUARDIAN, WorkKind.CYCLE, "k", Trigger.MANUAL, T), T)
                .finish(T.plusSeconds(3), AgentRun.Outcome.SUCCEEDED, 1, 1, List.of(), "ok");
        return new AgentStatus(AgentType.GUARDIAN, run, T.plusSeconds(900), Duration.ofMinutes(15), 1.0, 1, 3, 250, true);
    }

    @Test
    void reportsBuildStageQueuesAndEachAgent() {
        Map<String, LongSupplier> queues = new LinkedHashMap<>();
        queues.put("interactions", () -> 4);
        queues.put("agent-work", () -> 0);

        SystemStatus.Report report = new SystemStatus("1.2.3", "dev", queues, () -> List.of(guardian()), clock).report();

        assertThat(report.service()).isEqualTo("lumen");
        assertThat(report.version()).isEqualTo("1.2.3");
        assertThat(report.stage()).isEqualTo("dev");
        assertThat(report.status()).isEqualTo("ok");
        assertThat(report.time()).isEqualTo(T);
        assertThat(report.queues()).containsExactly(Map.entry("interactions", 4L), Map.entry("agent-work", 0L));
        assertThat(report.agents()).singleElement().satisfies(line -> {
            assertThat(line.agent()).isEqualTo("guardian");
            assertThat(line.lastOutcome()).isEqualTo("SUCCEEDED");
            assertThat(line.lastRunAt()).isEqualTo(T);
            assertThat(line.nextRunAt()).isEqualTo(T.plusSeconds(900));
            assertThat(line.level()).isEqualTo(3);
            assertThat(line.eligible()).isTrue();
        });
    }

    @Test
    void aFigureThatCannotBeReadIsLeftOutAndTheReportIsDegraded() {
        Map<String, LongSupplier> queues = new LinkedHashMap<>();
        queues.put("interactions", () -> {
            throw new IllegalStateException("sqs down");
        });
        queues.put("ingest", () -> 2);

        SystemStatus.Report report = new SystemStatus("1.2.3", "dev", queues, () -> {
            throw new IllegalStateException("table down");
        }, clock).report();

        assertThat(report.status()).isEqualTo("degraded");
        assertThat(report.queues()).containsExactly(Map.entry("ingest", 2L));
        assertThat(report.agents()).isEmpty();
    }
}
