package dev.lumen.domain.custody;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Port: where agents' custody standings and examination runs are kept. */
public interface CustodyRepository {

    /** An agent's standing and whether its last run made it eligible. */
    record AgentRecord(CustodyExam.Standing standing, boolean eligible, Instant lastRunAt) {
        public static AgentRecord newcomer(String agent) {
            return new AgentRecord(CustodyExam.Standing.newcomer(agent), false, null);
        }
    }

    /** One recorded run, as analytics and status read it back. */
    record RunSummary(String runId, String agent, Instant at, Tier tier, double passRate, long xpEarned, int levelAfter,
                      boolean eligible, Map<CustodyCategory, Double> categoryScores) {
        public RunSummary {
            categoryScores = Map.copyOf(categoryScores);
        }
    }

    /** The agent's record; a newcomer's when it was never examined. */
    AgentRecord agent(String agent);

    /**
     * Records a run and adds its XP to the agent's standing, atomically. The same run (agent, time
     * and id) recorded again changes nothing, so a redelivered examination is counted once.
     *
     * @return false when this run was recorded before
     */
    boolean record(String runId, Instant at, CustodyExam.Result result);

    /** The agent's runs, newest first, at most {@code limit}. */
    List<RunSummary> runs(String agent, int limit);

    /** What a result becomes once recorded. */
    static RunSummary summary(String runId, Instant at, CustodyExam.Result result) {
        Map<CustodyCategory, Double> scores = new java.util.EnumMap<>(CustodyCategory.class);
        result.categories().forEach(c -> scores.put(c.category(), c.meanScore()));
        return new RunSummary(runId, result.before().agent(), at, result.tier(), result.passRate(), result.xpEarned(),
                result.after().level(), result.eligible(), scores);
    }
}
