package dev.lumen.domain.agent;

import java.time.Instant;

/**
 * What an agent knows when its cycle starts.
 *
 * @param since the start of the window to study: the previous successful cycle's start, or a day back
 */
public record CycleContext(String runId, Instant now, Instant since) {
}
