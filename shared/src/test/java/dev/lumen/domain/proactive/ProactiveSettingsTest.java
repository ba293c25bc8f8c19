package dev.lumen.domain.proactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ProactiveSettingsTest {

    @Test
    void defaultsAreTheIssuesThresholds() {
        ProactiveSettings settings = ProactiveSettings.defaults();

        assertThat(settings.inactivity()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.stagnation()).isEqualTo(Duration.ofDays(3));
        assertThat(settings.goalDeviation()).isEqualTo(0.3);
        assertThat(settings.motivationDrop()).isEqualTo(0.2);
        assertThat(settings.milestoneDue()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.dailyCap()).isEqualTo(1);
    }

    @Test
    void quietHoursSpanMidnightStartInclusiveEndExclusive() {
        ProactiveSettings settings = ProactiveSettings.defaults();

        assertThat(settings.quiet(LocalTime.of(22, 0))).isTrue();
        assertThat(settings.quiet(LocalTime.of(3, 0))).isTrue();
        assertThat(settings.quiet(LocalTime.of(7, 59))).isTrue();
        assertThat(settings.quiet(LocalTime.of(8, 0))).isFalse();
        assertThat(settings.quiet(LocalTime.of(21, 59))).isFalse();
        assertThat(settings.withQuietHours(LocalTime.of(13, 0), LocalTime.of(14, 0)).quiet(LocalTime.of(13, 30))).isTrue();
    }

    @Test
    void aDeliveryWindowNoLongerThanTheQuietHoursIsRefused() {
        ProactiveSettings d = ProactiveSettings.defaults();

        assertThatThrownBy(() -> new ProactiveSettings(d.inactivity(), d.stagnation(), d.goalDeviation(),
                d.motivationDrop(), d.milestoneDue(), d.minimumIdle(), 1, 1, d.perTypeWindow(), d.quietStart(),
                d.quietEnd(), Duration.ofHours(10), d.lookback()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
