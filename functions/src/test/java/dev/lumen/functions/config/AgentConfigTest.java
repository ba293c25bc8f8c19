package dev.lumen.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.domain.agent.AgentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    @Test
    void schedulesAsTheTemplateWritesThemGiveEachAgentsPeriod() {
        Map<AgentType, Duration> periods = AgentConfig.parseSchedules(
                "imperium=rate(30 minutes);guardian=rate(1 minute);sandbox=rate(2 hours);conquest=rate(1 day)");

        assertThat(periods).containsExactly(Map.entry(AgentType.IMPERIUM, Duration.ofMinutes(30)),
                Map.entry(AgentType.GUARDIAN, Duration.ofMinutes(1)), Map.entry(AgentType.SANDBOX, Duration.ofHours(2)),
                Map.entry(AgentType.CONQUEST, Duration.ofDays(1)));
    }

    @Test
    void cronAndUnnamedAgentsKeepTheirDefaultAndNothingIsEmpty() {
        assertThat(AgentConfig.parseSchedules("guardian=cron(0/15 * * * ? *), conquest = rate(5 minutes)"))
                .containsExactly(Map.entry(AgentType.CONQUEST, Duration.ofMinutes(5)));
        assertThat(AgentConfig.parseSchedules("")).isEmpty();
    }

    @Test
    void findingsAreKeptNinetyDaysUnlessConfigured() {
        try {
            assertThat(AgentConfig.fromEnvironment().findingsRetention()).isEqualTo(Duration.ofDays(90));
            System.setProperty("LUMEN_FINDINGS_RETENTION_DAYS", "30");
            assertThat(AgentConfig.fromEnvironment().findingsRetention()).isEqualTo(Duration.ofDays(30));
            System.setProperty("LUMEN_FINDINGS_RETENTION_DAYS", "0");
            assertThatThrownBy(AgentConfig::fromEnvironment).hasMessageContaining("LUMEN_FINDINGS_RETENTION_DAYS");
        } finally {
            System.clearProperty("LUMEN_FINDINGS_RETENTION_DAYS");
        }
    }

    @Test
    void aMalformedScheduleStopsTheFunctionNamingTheVariable() {
        assertThatThrownBy(() -> AgentConfig.parseSchedules("guardian")).hasMessageContaining("LUMEN_AGENT_SCHEDULES");
        assertThatThrownBy(() -> AgentConfig.parseSchedules("overlord=rate(5 minutes)")).hasMessageContaining("overlord");
        assertThatThrownBy(() -> AgentConfig.parseSchedules("guardian=rate(often)")).hasMessageContaining("rate(often)");
        assertThatThrownBy(() -> AgentConfig.parseSchedules("guardian=rate(0 minutes)")).hasMessageContaining("rate(0 minutes)");
    }
}
