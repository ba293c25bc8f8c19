package dev.lumen.domain.stats;

import java.time.Instant;

/** Port: the counters behind {@code GET /api/stats}, kept up to date by the writes that change them. */
public interface StatsRepository {

    Counts counts(Instant now);
}
