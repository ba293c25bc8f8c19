package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.CustodyExam;
import dev.lumen.domain.custody.CustodyRepository;
import dev.lumen.domain.custody.Grade;
import dev.lumen.domain.custody.Tier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CustodyRepository} must do. Cases use fresh random agent names, so a subclass
 * may share one store between them.
 */
public abstract class CustodyRepositoryContract {
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private CustodyRepository repository;

    protected abstract CustodyRepository newRepository();

    @BeforeEach
    void createRepository() {
        repository = newRepository();
    }

    @Test
    void anAgentNeverExaminedIsANewcomer() {
        String agent = "agent-" + Ids.random();

        assertThat(repository.agent(agent)).isEqualTo(CustodyRepository.AgentRecord.newcomer(agent));
        assertThat(repository.runs(agent, 10)).isEmpty();
    }

    @Test
    void aRecordedRunMovesTheStandingAndReadsBackWhole() {
        // GIVEN
        String agent = "agent-" + Ids.random();
        CustodyExam.Result result = result(agent, 0, 230, 0.875);

        // WHEN
        boolean recorded = repository.record("run-1", T, result);

        // THEN
        assertThat(recorded).isTrue();
        CustodyRepository.AgentRecord record = repository.agent(agent);
        assertThat(record.standing()).isEqualTo(new CustodyExam.Standing(agent, 230));
        assertThat(record.standing().level()).isEqualTo(3);
        assertThat(record.eligible()).isTrue();
        assertThat(record.lastRunAt()).isEqualTo(T);
        assertThat(repository.runs(agent, 10)).containsExactly(CustodyRepository.summary("run-1", T, result));
    }

    @Test
    void theSameRunRecordedTwiceCountsOnce() {
        String agent = "agent-" + Ids.random();
        CustodyExam.Result result = result(agent, 0, 40, 0.5);

        assertThat(repository.record("run-1", T, result)).isTrue();
        assertThat(repository.record("run-1", T, result)).isFalse();

        assertThat(repository.agent(agent).standing().xp()).isEqualTo(40);
        assertThat(repository.agent(agent).eligible()).isFalse();
        assertThat(repository.runs(agent, 10)).hasSize(1);
    }

    @Test
    void runsAddUpAndAreListedNewestFirst() {
        String agent = "agent-" + Ids.random();
        repository.record("a", T, result(agent, 0, 100, 0.9));
        repository.record("b", T.plusSeconds(60), result(agent, 100, 50, 0.5));
        repository.record("c", T.plusSeconds(120), result(agent, 150, 70, 0.8));

        assertThat(repository.agent(agent).standing().xp()).isEqualTo(220);
        assertThat(repository.agent(agent).eligible()).isTrue();
        assertThat(repository.runs(agent, 2)).extracting(CustodyRepository.RunSummary::runId).containsExactly("c", "b");
        // AND another agent's runs stay its own
        assertThat(repository.runs("other-" + Ids.random(), 10)).isEmpty();
    }

    /** A run's result: one test per category, {@code passRate} of them passed. */
    private static CustodyExam.Result result(String agent, long xpBefore, long earned, double passRate) {
        CustodyExam.Standing before = new CustodyExam.Standing(agent, xpBefore);
        CustodyExam.Standing after = new CustodyExam.Standing(agent, xpBefore + earned);
        List<CustodyExam.CategoryScore> scores = java.util.Arrays.stream(CustodyCategory.values())
                .map(c -> new CustodyExam.CategoryScore(c, Tier.BASIC, 1, 1, passRate)).toList();
        return new CustodyExam.Result(before, after, before.tier(), scores, passRate, earned,
                passRate >= CustodyExam.ELIGIBLE_PASS_RATE,
                List.of(new CustodyExam.Outcome("t-1", CustodyCategory.CODE_QUALITY, Tier.BASIC, Grade.pass("ok"), earned)));
    }
}
