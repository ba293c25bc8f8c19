package dev.lumen.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.lumen.local.lambda.LocalFunction;
import dev.lumen.local.template.ScheduleSpec;
import dev.lumen.local.template.TemplateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalSchedulerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:16:00.250Z"), ZoneOffset.UTC);

    @Test
    void rate_expressions_become_periods_and_cron_is_not_emulated() {
        // WHEN / THEN
        assertThat(LocalScheduler.rate("rate(1 minute)", "w")).contains(Duration.ofMinutes(1));
        assertThat(LocalScheduler.rate("rate(15 minutes)", "w")).contains(Duration.ofMinutes(15));
        assertThat(LocalScheduler.rate("rate(2 hours)", "w")).contains(Duration.ofHours(2));
        assertThat(LocalScheduler.rate("rate(1 day)", "w")).contains(Duration.ofDays(1));
        assertThat(LocalScheduler.rate("cron(0 3 * * ? *)", "w")).isEqualTo(Optional.empty());
    }

    @Test
    void malformed_rates_are_refused_as_eventbridge_refuses_them() {
        // WHEN / THEN
        assertThatThrownBy(() -> LocalScheduler.rate("rate(1 minutes)", "Fn.Events.Sweep"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Fn.Events.Sweep");
        assertThatThrownBy(() -> LocalScheduler.rate("rate(5 minute)", "w")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> LocalScheduler.rate("rate(0 minutes)", "w")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> LocalScheduler.rate("rate(5 seconds)", "w")).isInstanceOf(TemplateException.class);
    }

    @Test
    void a_schedule_fires_its_function_with_a_real_shaped_scheduled_event() {
        // GIVEN
        List<ScheduledEvent> received = new CopyOnWriteArrayList<>();
        RequestHandler<ScheduledEvent, Void> sweeper = (event, context) -> {
            received.add(event);
            return null;
        };
        LocalScheduler scheduler = new LocalScheduler(
                List.of(new ScheduleSpec("Sweeper", "Sweep", "rate(1 minute)", true)),
                Map.of("Sweeper", LocalFunction.of("Sweeper", sweeper, ScheduledEvent.class, Void.class)),
                "eu-west-1", CLOCK);

        // WHEN
        scheduler.fireNow("Sweeper", "Sweep");

        // THEN
        assertThat(received).singleElement().satisfies(event -> {
            assertThat(event.getSource()).isEqualTo("aws.events");
            assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
            assertThat(event.getVersion()).isEqualTo("0");
            assertThat(event.getAccount()).isEqualTo("000000000000");
            assertThat(event.getRegion()).isEqualTo("eu-west-1");
            assertThat(event.getTime().getMillis()).isEqualTo(Instant.parse("2026-01-05T10:16:00Z").toEpochMilli());
            assertThat(event.getResources()).singleElement().asString()
                    .startsWith("arn:aws:events:eu-west-1:000000000000:rule/");
            assertThat(event.getDetail()).isEmpty();
            assertThat(event.getId()).isNotBlank();
        });
    }

    @Test
    void a_handler_typed_as_a_map_gets_the_events_json_as_lambda_would_deliver_it() {
        // GIVEN
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        @SuppressWarnings({"unchecked", "rawtypes"})
        RequestHandler<Map, Void> sweeper = (event, context) -> {
            received.add(event);
            return null;
        };
        LocalScheduler scheduler = new LocalScheduler(
                List.of(new ScheduleSpec("Sweeper", "Sweep", "rate(1 minute)", true)),
                Map.of("Sweeper", LocalFunction.of("Sweeper", sweeper, Map.class, Void.class)), "eu-west-1", CLOCK);

        // WHEN
        scheduler.fireNow("Sweeper", "Sweep");

        // THEN (the runtime's serializer writes the time with milliseconds, ".000Z")
        assertThat(received).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("detail-type", "Scheduled Event")
                .containsEntry("source", "aws.events")
                .hasEntrySatisfying("time", time -> assertThat(time).asString().startsWith("2026-01-05T10:16:00")));
    }

    @Test
    void disabled_and_cron_schedules_are_not_active() {
        // GIVEN
        RequestHandler<ScheduledEvent, Void> noop = (event, context) -> null;
        LocalFunction function = LocalFunction.of("Fn", noop, ScheduledEvent.class, Void.class);

        // WHEN
        LocalScheduler scheduler = new LocalScheduler(List.of(
                new ScheduleSpec("Fn", "On", "rate(5 minutes)", true),
                new ScheduleSpec("Fn", "Off", "rate(5 minutes)", false),
                new ScheduleSpec("Fn", "Nightly", "cron(0 3 * * ? *)", true)), Map.of("Fn", function), "eu-west-1", CLOCK);

        // THEN
        assertThat(scheduler.active()).containsExactly("Fn.On");
        assertThatThrownBy(() -> scheduler.fireNow("Fn", "Off")).isInstanceOf(IllegalArgumentException.class);
    }
}
