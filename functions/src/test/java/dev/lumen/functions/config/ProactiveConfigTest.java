package dev.lumen.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.proactive.ProactiveSettings;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProactiveConfigTest {
    private static final List<String> ALL = List.of(ProactiveConfig.INACTIVITY_HOURS, ProactiveConfig.STAGNATION_DAYS,
            ProactiveConfig.GOAL_DEVIATION, ProactiveConfig.MOTIVATION_DROP, ProactiveConfig.MILESTONE_HOURS,
            ProactiveConfig.MIN_IDLE_HOURS, ProactiveConfig.DAILY_CAP, ProactiveConfig.PER_TYPE_CAP,
            ProactiveConfig.PER_TYPE_DAYS, ProactiveConfig.QUIET_HOURS, ProactiveConfig.WEBHOOK_URL,
            ProactiveConfig.WEBHOOK_SECRET);

    @AfterEach
    void clear() {
        ALL.forEach(System::clearProperty);
    }

    @Test
    void unsetVariablesGiveTheIssuesDefaults() {
        assertThat(ProactiveConfig.settings()).isEqualTo(ProactiveSettings.defaults());
        assertThat(ProactiveConfig.webhook()).isEmpty();
    }

    @Test
    void everyThresholdIsConfigurable() {
        System.setProperty(ProactiveConfig.INACTIVITY_HOURS, "48");
        System.setProperty(ProactiveConfig.STAGNATION_DAYS, "5");
        System.setProperty(ProactiveConfig.GOAL_DEVIATION, "0.25");
        System.setProperty(ProactiveConfig.MOTIVATION_DROP, "0.1");
        System.setProperty(ProactiveConfig.MILESTONE_HOURS, "12");
        System.setProperty(ProactiveConfig.DAILY_CAP, "2");
        System.setProperty(ProactiveConfig.QUIET_HOURS, "21:30-07:00");

        ProactiveSettings settings = ProactiveConfig.settings();

        assertThat(settings.inactivity()).isEqualTo(Duration.ofHours(48));
        assertThat(settings.stagnation()).isEqualTo(Duration.ofDays(5));
        assertThat(settings.goalDeviation()).isEqualTo(0.25);
        assertThat(settings.motivationDrop()).isEqualTo(0.1);
        assertThat(settings.milestoneDue()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.dailyCap()).isEqualTo(2);
        assertThat(settings.quietStart()).isEqualTo(LocalTime.of(21, 30));
        assertThat(settings.quietEnd()).isEqualTo(LocalTime.of(7, 0));
    }

    @Test
    void badValuesStopTheFunctionNamingTheVariable() {
        System.setProperty(ProactiveConfig.GOAL_DEVIATION, "1.5");
        assertThatThrownBy(ProactiveConfig::settings).hasMessageContaining(ProactiveConfig.GOAL_DEVIATION);
        System.clearProperty(ProactiveConfig.GOAL_DEVIATION);
        System.setProperty(ProactiveConfig.QUIET_HOURS, "late");
        assertThatThrownBy(ProactiveConfig::settings).hasMessageContaining(ProactiveConfig.QUIET_HOURS);
        System.clearProperty(ProactiveConfig.QUIET_HOURS);
        System.setProperty(ProactiveConfig.WEBHOOK_URL, "http://example.com/hook");
        assertThatThrownBy(ProactiveConfig::webhook).hasMessageContaining(ProactiveConfig.WEBHOOK_URL);
        System.setProperty(ProactiveConfig.WEBHOOK_URL, "https://example.com/hook");
        assertThatThrownBy(ProactiveConfig::webhook).hasMessageContaining(ProactiveConfig.WEBHOOK_SECRET);
        System.setProperty(ProactiveConfig.WEBHOOK_SECRET, "s3cret");
        assertThat(ProactiveConfig.webhook()).hasValueSatisfying(t -> {
            assertThat(t.url().toString()).isEqualTo("https://example.com/hook");
            assertThat(t.toString()).doesNotContain("s3cret");
        });
    }
}
