package dev.lumen.local.schedule;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lumen.local.lambda.EventHandoff;
import dev.lumen.local.lambda.LocalFunction;
import dev.lumen.local.template.ScheduleSpec;
import dev.lumen.local.template.TemplateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the template's {@code Schedule} / {@code ScheduleV2} events into their functions with a
 * real-shaped {@link ScheduledEvent}, as EventBridge does. {@code rate(…)} expressions are
 * emulated: the first run comes one period after start, then one every period, never two of the
 * same schedule at once. {@code cron(…)} expressions are not (logged and skipped). A run that
 * throws is logged; EventBridge's asynchronous retries are not emulated, the next period runs anyway.
 */
public final class LocalScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalScheduler.class);
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    private static final String ACCOUNT = "000000000000";

    private final List<Entry> entries;
    private final String region;
    private final Clock clock;
    private ScheduledExecutorService executor;

    private record Entry(ScheduleSpec spec, Duration period, LocalFunction function) {
    }

    /**
     * @param schedules the template's schedules; disabled ones and cron expressions are skipped
     * @param functions built functions by logical id
     * @throws TemplateException when a rate expression is malformed (EventBridge refuses it too)
     */
    public LocalScheduler(List<ScheduleSpec> schedules, Map<String, LocalFunction> functions, String region, Clock clock) {
        this.region = region;
        this.clock = clock;
        List<Entry> entries = new ArrayList<>();
        for (ScheduleSpec spec : schedules) {
            String where = spec.functionId() + ".Events." + spec.eventName();
            if (!spec.enabled()) {
                LOG.atInfo().setMessage("schedule is disabled in the template").addKeyValue("schedule", where).log();
                continue;
            }
            Optional<Duration> period = rate(spec.expression(), where);
            if (period.isEmpty()) {
                LOG.atWarn().setMessage("only rate(...) schedules are emulated locally; invoke the function by hand")
                        .addKeyValue("schedule", where).addKeyValue("expression", spec.expression()).log();
                continue;
            }
            LocalFunction function = functions.get(spec.functionId());
            if (function == null) {
                throw new IllegalStateException(where + ": function " + spec.functionId() + " is not built");
            }
            entries.add(new Entry(spec, period.get(), function));
        }
        this.entries = List.copyOf(entries);
    }

    /**
     * The period of a {@code rate(N unit)} expression; empty for {@code cron(…)} and {@code at(…)}.
     * As in EventBridge, a value of 1 takes the singular unit and any other value the plural.
     *
     * @throws TemplateException for a malformed rate
     */
    public static Optional<Duration> rate(String expression, String where) {
        if (!expression.startsWith("rate(")) {
            return Optional.empty();
        }
        Matcher matcher = RATE.matcher(expression);
        if (!matcher.matches()) {
            throw new TemplateException(where + ": '" + expression
                    + "' is not rate(<n> minute|minutes|hour|hours|day|days)");
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        boolean singular = !unit.endsWith("s");
        if (value < 1 || (value == 1) != singular) {
            throw new TemplateException(where + ": '" + expression + "' must be rate(1 " + unit.replaceAll("s$", "")
                    + ") or rate(<n greater than 1> " + (singular ? unit + "s" : unit) + ")");
        }
        ChronoUnit chronoUnit = switch (unit.replaceAll("s$", "")) {
            case "minute" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
        return Optional.of(Duration.of(value, chronoUnit));
    }

    /** Starts the timers. */
    public LocalScheduler start() {
        if (entries.isEmpty()) {
            return this;
        }
        executor = Executors.newScheduledThreadPool(Math.min(entries.size(), 4), runnable -> {
            Thread thread = new Thread(runnable, "local-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        for (Entry entry : entries) {
            long millis = entry.period().toMillis();
            executor.scheduleAtFixedRate(() -> fire(entry), millis, millis, TimeUnit.MILLISECONDS);
            LOG.atInfo().setMessage("schedule emulated").addKeyValue("function", entry.spec().functionId())
                    .addKeyValue("event", entry.spec().eventName())
                    .addKeyValue("expression", entry.spec().expression()).log();
        }
        return this;
    }

    /** Schedules that will fire, as {@code Function.Event}. */
    public List<String> active() {
        return entries.stream().map(entry -> entry.spec().functionId() + "." + entry.spec().eventName()).toList();
    }

    /**
     * Fires one schedule now, in the calling thread, the way its timer does.
     *
     * @return what the handler returned
     * @throws IllegalArgumentException when no active schedule has that function and event name
     */
    public Object fireNow(String functionId, String eventName) {
        Entry entry = entries.stream()
                .filter(candidate -> candidate.spec().functionId().equals(functionId)
                        && candidate.spec().eventName().equals(eventName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no active schedule " + functionId + "." + eventName
                        + "; active: " + active()));
        return EventHandoff.invoke(entry.function(), event(entry.spec()), UUID.randomUUID().toString());
    }

    /** The event EventBridge sends for one run of a scheduled rule. */
    public ScheduledEvent event(ScheduleSpec spec) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(ACCOUNT);
        event.setTime(new DateTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toEpochMilli(), DateTimeZone.UTC));
        event.setRegion(region);
        event.setResources(List.of("arn:aws:events:" + region + ":" + ACCOUNT + ":rule/lumen-local-"
                + spec.functionId() + spec.eventName()));
        event.setDetail(Map.of());
        return event;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void fire(Entry entry) {
        String requestId = UUID.randomUUID().toString();
        Instant begin = clock.instant();
        try {
            EventHandoff.invoke(entry.function(), event(entry.spec()), requestId);
            LOG.atDebug().setMessage("scheduled run done").addKeyValue("function", entry.spec().functionId())
                    .addKeyValue("ms", Duration.between(begin, clock.instant()).toMillis()).log();
        } catch (RuntimeException | Error e) {
            // Caught so that the timer keeps going: an exception would cancel the schedule for good.
            LOG.atError().setMessage("scheduled run failed").addKeyValue("function", entry.spec().functionId())
                    .addKeyValue("event", entry.spec().eventName()).addKeyValue("requestId", requestId)
                    .setCause(e).log();
        }
    }
}
