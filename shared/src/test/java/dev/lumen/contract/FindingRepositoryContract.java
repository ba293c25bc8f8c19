package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.FindingRepository;
import dev.lumen.domain.agent.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FindingRepository} must do. Each case gets a fresh, empty repository. */
public abstract class FindingRepositoryContract {
    private static final Instant T = Instant.parse("2026-12-07T09:30:00Z");

    private FindingRepository repository;

    protected abstract FindingRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    public static Finding finding(AgentType agent, String runId, int index, FindingKind kind, Instant at) {
        return new Finding(runId + "-" + index, agent, runId, kind, Severity.HIGH, "Secret in a knowledge chunk",
                "An AWS access key id in chunk c-1", Map.of("chunkId", "c-1", "match", "AKIA****"), at);
    }

    @Test
    void savedFindingsReadBackWholeNewestFirst() {
        Finding older = finding(AgentType.GUARDIAN, "run-1", 0, FindingKind.SECURITY, T);
        Finding newer = finding(AgentType.GUARDIAN, "run-1", 1, FindingKind.SECURITY, T.plusMillis(1));

        repository.saveAll(List.of(older, newer));

        assertThat(repository.list(AgentType.GUARDIAN, null, null, 10)).containsExactly(newer, older);
    }

    @Test
    void savingTheSameIdsAgainKeepsOneCopyEach() {
        Finding first = finding(AgentType.GUARDIAN, "run-1", 0, FindingKind.SECURITY, T);
        repository.saveAll(List.of(first));
        // a redelivered cycle: same ids, a later time
        Finding again = finding(AgentType.GUARDIAN, "run-1", 0, FindingKind.SECURITY, T.plusSeconds(1800));
        repository.saveAll(List.of(again, again));

        assertThat(repository.list(AgentType.GUARDIAN, null, null, 10)).containsExactly(again);
    }

    @Test
    void listsByAgentKindAndTimeAndAcrossAgents() {
        // The same run id for two agents: two findings, each its agent's.
        Finding guardian = finding(AgentType.GUARDIAN, "cycle-1", 0, FindingKind.SECURITY, T);
        Finding conquest = finding(AgentType.CONQUEST, "cycle-1", 0, FindingKind.RECOMMENDATION, T.plusSeconds(10));
        Finding insight = finding(AgentType.IMPERIUM, "cycle-2", 0, FindingKind.INSIGHT, T.plusSeconds(20));
        Finding transfer = finding(AgentType.IMPERIUM, "cycle-2", 1, FindingKind.KNOWLEDGE_TRANSFER, T.plusSeconds(30));
        repository.saveAll(List.of(guardian, conquest, insight, transfer));

        assertThat(repository.list(null, null, null, 10)).containsExactly(transfer, insight, conquest, guardian);
        assertThat(repository.list(null, null, null, 2)).containsExactly(transfer, insight);
        assertThat(repository.list(AgentType.IMPERIUM, FindingKind.INSIGHT, null, 10)).containsExactly(insight);
        assertThat(repository.list(null, FindingKind.SECURITY, null, 10)).containsExactly(guardian);
        assertThat(repository.list(null, null, T.plusSeconds(10), 10)).containsExactly(transfer, insight, conquest);
        assertThat(repository.list(AgentType.SANDBOX, null, null, 10)).isEmpty();
    }

    @Test
    void aKindFilterStillFillsTheLimitPastOtherKinds() {
        // Many recommendations, then two older insights: the filter must look past the newer ones.
        List<Finding> many = IntStream.range(0, 30)
                .mapToObj(i -> finding(AgentType.CONQUEST, "run", i, FindingKind.RECOMMENDATION, T.plusSeconds(100 + i)))
                .toList();
        Finding a = finding(AgentType.CONQUEST, "old", 0, FindingKind.INSIGHT, T);
        Finding b = finding(AgentType.CONQUEST, "old", 1, FindingKind.INSIGHT, T.plusSeconds(1));
        repository.saveAll(many);
        repository.saveAll(List.of(a, b));

        assertThat(repository.list(AgentType.CONQUEST, FindingKind.INSIGHT, null, 2)).containsExactly(b, a);
        assertThat(repository.list(AgentType.CONQUEST, null, null, 50)).hasSize(32);
    }

    @Test
    void savingNothingIsFine() {
        repository.saveAll(List.of());
        assertThat(repository.list(null, null, null, 10)).isEmpty();
    }
}
