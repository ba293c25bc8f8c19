package dev.lumen.functions.config;

import dev.lumen.domain.agent.AgentType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent platform's settings, read once per container from the environment.
 *
 * @param agentWorkQueueUrl where agent work is queued ({@code AGENT_WORK_QUEUE_URL}); required where it is
 * @param periods           each agent's cycle period, from {@code LUMEN_AGENT_SCHEDULES}
 *                          ({@code imperium=rate(30 minutes);guardian=rate(15 minutes);…}, the template
 *                          builds it from the schedule parameters); an agent not named, or scheduled by
 *                          {@code cron(…)}, keeps its default period
 * @param workerTimeout     the agent worker's timeout ({@code LUMEN_AGENT_WORKER_TIMEOUT_SECONDS}, default
 *                          300, the template's value): a run RUNNING longer was abandoned
 * @param stage             the deployment's stage ({@code LUMEN_STAGE}), for {@code GET /api/status}
 * @param version           the build ({@code LUMEN_VERSION}, else the version Maven recorded in the jar)
 * @param findingsRetention how long the agents' findings are kept ({@code LUMEN_FINDINGS_RETENTION_DAYS},
 *                          default 90): DynamoDB's TTL deletes them after that
 */
public record AgentConfig(Optional<String> agentWorkQueueUrl, Map<AgentType, Duration> periods, Duration workerTimeout,
                          String stage, String version, Duration findingsRetention) {
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    public AgentConfig {
        periods = Map.copyOf(periods);
    }

    public String requireAgentWorkQueueUrl() {
        return agentWorkQueueUrl.orElseThrow(() ->
                new IllegalStateException("configuration variable AGENT_WORK_QUEUE_URL is not set"));
    }

    public static AgentConfig fromEnvironment() {
        return new AgentConfig(Environment.optional("AGENT_WORK_QUEUE_URL"),
                parseSchedules(Environment.optional("LUMEN_AGENT_SCHEDULES").orElse("")),
                Duration.ofSeconds(Environment.wholeNumber("LUMEN_AGENT_WORKER_TIMEOUT_SECONDS", 300, 1)),
                Environment.optional("LUMEN_STAGE").orElse("unknown"),
                Environment.optional("LUMEN_VERSION").orElseGet(AgentConfig::packagedVersion),
                Duration.ofDays(Environment.wholeNumber("LUMEN_FINDINGS_RETENTION_DAYS", 90, 1)));
    }

    /** {@code agent=expression} pairs separated by {@code ;} or {@code ,}; a malformed one stops the function at start. */
    static Map<AgentType, Duration> parseSchedules(String value) {
        Map<AgentType, Duration> periods = new EnumMap<>(AgentType.class);
        for (String pair : value.split("[;,]")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalStateException("LUMEN_AGENT_SCHEDULES must be agent=rate(...) pairs, not '" + pair.strip() + "'");
            }
            AgentType agent;
            try {
                agent = AgentType.parse("LUMEN_AGENT_SCHEDULES", pair.substring(0, equals));
            } catch (RuntimeException e) {
                throw new IllegalStateException("LUMEN_AGENT_SCHEDULES names an unknown agent: '" + pair.strip() + "'", e);
            }
            rate(pair.substring(equals + 1).strip()).ifPresent(period -> periods.put(agent, period));
        }
        return periods;
    }

    /** The period of {@code rate(N unit)}; empty for {@code cron(…)}, whose period is not one number. */
    static Optional<Duration> rate(String expression) {
        if (!expression.startsWith("rate(")) {
            return Optional.empty();
        }
        Matcher matcher = RATE.matcher(expression.toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) < 1) {
            throw new IllegalStateException("LUMEN_AGENT_SCHEDULES: '" + expression + "' is not rate(<n> minutes|hours|days)");
        }
        ChronoUnit unit = switch (matcher.group(2).replaceAll("s$", "")) {
            case "minute" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
        return Optional.of(Duration.of(Long.parseLong(matcher.group(1)), unit));
    }

    /** The version Maven wrote into the jar ({@code pom.properties}); {@code dev} when run from classes. */
    private static String packagedVersion() {
        try (InputStream in = AgentConfig.class.getResourceAsStream(
                "/META-INF/maven/dev.lumen/lumen-functions/pom.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
