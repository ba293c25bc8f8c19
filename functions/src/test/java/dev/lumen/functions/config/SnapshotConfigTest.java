package dev.lumen.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotConfigTest {

    @AfterEach
    void clear() {
        System.clearProperty(SnapshotConfig.KEEP);
        System.clearProperty(SnapshotConfig.SCHEDULE);
    }

    @Test
    void defaultsKeepAHundredAndLookBackTwoFiveMinutePeriods() {
        assertThat(SnapshotConfig.fromEnvironment()).isEqualTo(new SnapshotConfig(100, Duration.ofMinutes(10)));
    }

    @Test
    void theTemplatesValuesAreRead() {
        System.setProperty(SnapshotConfig.KEEP, "7");
        System.setProperty(SnapshotConfig.SCHEDULE, "rate(1 hour)");
        assertThat(SnapshotConfig.fromEnvironment()).isEqualTo(new SnapshotConfig(7, Duration.ofHours(2)));
        System.setProperty(SnapshotConfig.SCHEDULE, "cron(0 * * * ? *)");
        assertThat(SnapshotConfig.fromEnvironment().window()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void badValuesStopTheFunctionNamingTheVariable() {
        System.setProperty(SnapshotConfig.KEEP, "0");
        assertThatThrownBy(SnapshotConfig::fromEnvironment).hasMessageContaining(SnapshotConfig.KEEP);
        System.clearProperty(SnapshotConfig.KEEP);
        System.setProperty(SnapshotConfig.SCHEDULE, "rate(soon)");
        assertThatThrownBy(SnapshotConfig::fromEnvironment).hasMessageContaining(SnapshotConfig.SCHEDULE);
    }
}
