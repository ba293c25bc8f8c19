package dev.lumen.domain.agent;

import java.time.Duration;
import java.time.Instant;

/**
 * One agent at a glance, for {@code GET /api/agents/status}.
 *
 * @param lastRun     the latest run of any kind; null when it never ran
 * @param nextRunAt   when its schedule fires next: the last scheduled cycle's time plus whole periods,
 *                    the first such time from now on; null before the schedule first fired
 * @param period      the cycle schedule's period
 * @param successRate the share of the last {@link AgentCycles#SUCCESS_WINDOW} finished runs that
 *                    SUCCEEDED (PARTIAL and FAILED are not); null when none finished
 * @param finishedRuns how many runs the rate is over
 */
public record AgentStatus(AgentType agent, AgentRun lastRun, Instant nextRunAt, Duration period, Double successRate,
                          int finishedRuns, int level, long xp, boolean eligible) {
}
