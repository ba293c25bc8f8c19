package dev.lumen.domain.health;

/** Port: a dependency that can tell whether it is reachable, for {@code GET /api/health}. */
public interface HealthCheck {

    /** Short name shown in the health report, e.g. {@code dynamodb}. */
    String name();

    /** Returns normally when healthy; throws with a short reason when not. Must be quick. */
    void check();
}
