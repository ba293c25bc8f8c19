package dev.lumen.domain.health;

/** Port: a look at the database for {@code GET /api/database/health}: can it be reached, in what state, how fast. */
public interface DatabaseProbe {

    /**
     * What the database says about itself. Never throws for an unreachable database: that is a
     * result ({@code reachable = false}), with the time spent finding out.
     */
    DatabaseHealth probe();

    /**
     * @param database    which kind of store, e.g. {@code dynamodb}
     * @param tableStatus the table's own status ({@code ACTIVE}, {@code UPDATING}, …); null when unreachable
     * @param latencyMs   how long the probe took, wall clock
     * @param problem     a short, non-sensitive reason when unreachable; null otherwise
     */
    record DatabaseHealth(String database, boolean reachable, String tableStatus, long latencyMs, String problem) {

        /** Reachable and ready for reads and writes. */
        public boolean healthy() {
            return reachable && "ACTIVE".equals(tableStatus);
        }
    }
}
