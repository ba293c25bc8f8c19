package dev.lumen.local.template;

/**
 * A function's {@code Schedule} (EventBridge rule) or {@code ScheduleV2} (EventBridge Scheduler) event.
 *
 * @param functionId logical id of the function
 * @param eventName  the event's key under {@code Events}
 * @param expression {@code rate(…)} or {@code cron(…)}, parameters resolved to their defaults
 * @param enabled    {@code Enabled} (or {@code State: ENABLED}); default true
 */
public record ScheduleSpec(String functionId, String eventName, String expression, boolean enabled) {
}
