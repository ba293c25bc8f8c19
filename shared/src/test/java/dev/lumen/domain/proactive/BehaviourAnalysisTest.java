package dev.lumen.domain.proactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.UserEmotion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BehaviourAnalysisTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration LOOKBACK = Duration.ofDays(7);

    /** Two turns a day for the last seven days, the last one {@code idle} before now. */
    static List<Instant> dailyTurns(Duration idle, int days) {
        List<Instant> turns = new ArrayList<>();
        Instant last = NOW.minus(idle);
        for (int day = 0; day < days; day++) {
            turns.add(last.minus(Duration.ofDays(day)));
            turns.add(last.minus(Duration.ofDays(day)).minusSeconds(600));
        }
        return turns;
    }

    private static BehaviourAnalysis analyse(List<Instant> turns, UserEmotion emotion, List<GoalStatus> goals) {
        return BehaviourAnalysis.of(new BehaviourInput("ann", turns, emotion, goals, null), NOW, LOOKBACK);
    }

    @Test
    void twoTurnsEveryDayIsFullEngagementAndLowRisk() {
        // GIVEN 14 turns on 7 days, the last one an hour ago
        BehaviourAnalysis analysis = analyse(dailyTurns(Duration.ofHours(1), 7), null, List.of());

        // THEN engagement 1; risk = 1 - (0.6 e^(-1/72) + 0.4)
        assertThat(analysis.engagement()).isCloseTo(1.0, within(1e-9));
        assertThat(analysis.abandonmentRisk()).isCloseTo(1 - (0.6 * Math.exp(-1.0 / 72) + 0.4), within(1e-6));
        assertThat(analysis.lastActiveAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    }

    @Test
    void engagementRisesWithTurnsAndRiskRisesWithIdleTime() {
        // GIVEN the same habits, one user idle 1 hour, one idle 3 days; and one with half the days
        BehaviourAnalysis recent = analyse(dailyTurns(Duration.ofHours(1), 7), null, List.of());
        BehaviourAnalysis idle = analyse(dailyTurns(Duration.ofDays(3), 7), null, List.of());
        BehaviourAnalysis fewer = analyse(dailyTurns(Duration.ofHours(1), 3), null, List.of());

        // THEN
        assertThat(idle.abandonmentRisk()).isGreaterThan(recent.abandonmentRisk());
        assertThat(fewer.engagement()).isLessThan(recent.engagement());
        // 6 turns on 3 days: 0.5 * 6/14 + 0.5 * 3/7
        assertThat(fewer.engagement()).isCloseTo(0.5 * 6 / 14 + 0.5 * 3 / 7.0, within(1e-9));
        assertThat(fewer.abandonmentRisk()).isGreaterThan(recent.abandonmentRisk());
    }

    @Test
    void noTurnsMeansNoEngagementFullRiskAndNoLastActivity() {
        BehaviourAnalysis analysis = analyse(List.of(), null, List.of());

        assertThat(analysis.engagement()).isZero();
        assertThat(analysis.abandonmentRisk()).isEqualTo(1.0);
        assertThat(analysis.lastActiveAt()).isNull();
        assertThat(analysis.idle()).isEmpty();
        // neutral mood and pace, no engagement
        assertThat(analysis.motivation()).isCloseTo(0.5 * 0.5 + 0.3 * 0.5, within(1e-9));
    }

    @Test
    void motivationFollowsMoodAndGoalPace() {
        // GIVEN a joyful user on plan, and an anxious one at half the expected progress
        UserEmotion joyful = UserEmotion.first("ann", state("joyful", 0.8, NOW.minusSeconds(3_600)));
        UserEmotion anxious = UserEmotion.first("ann", state("anxious", 0.8, NOW.minusSeconds(3_600)));
        GoalStatus onPlan = new GoalStatus("run 5k", 0.5, 0.5, NOW, null);
        GoalStatus behind = new GoalStatus("run 5k", 0.25, 0.5, NOW, null);
        List<Instant> turns = dailyTurns(Duration.ofHours(1), 7);

        // WHEN
        BehaviourAnalysis high = analyse(turns, joyful, List.of(onPlan));
        BehaviourAnalysis low = analyse(turns, anxious, List.of(behind));

        // THEN 0.5 * (0.5 + 0.5 * 0.8) + 0.3 * 1 + 0.2 * 1, and 0.5 * (0.5 - 0.4) + 0.3 * 0.5 + 0.2
        assertThat(high.motivation()).isCloseTo(0.45 + 0.3 + 0.2, within(1e-9));
        assertThat(low.motivation()).isCloseTo(0.05 + 0.15 + 0.2, within(1e-9));
    }

    @Test
    void aJoyfulWeekTurnedSadIsAMotivationDrop() {
        // GIVEN joyful states last week, sad now
        UserEmotion emotion = UserEmotion.first("ann", state("joyful", 0.9, NOW.minus(Duration.ofDays(6))))
                .with(state("joyful", 0.7, NOW.minus(Duration.ofDays(4))))
                .with(state("sad", 0.8, NOW.minus(Duration.ofHours(30))));

        // WHEN
        BehaviourAnalysis analysis = analyse(List.of(NOW.minus(Duration.ofHours(30))), emotion, List.of());

        // THEN earlier mood mean(0.95, 0.85) = 0.9, now 0.5 - 0.5 * 0.8 = 0.1: drop 0.5 * (0.9 - 0.1)
        assertThat(analysis.previousMotivation()).isPresent();
        assertThat(analysis.motivationDrop()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void statesOlderThanTheLookbackDoNotCountAndARiseIsNoDrop() {
        // GIVEN a sad state 10 days ago (outside the lookback), and a user who went from sad to joyful
        UserEmotion old = UserEmotion.first("ann", state("sad", 1.0, NOW.minus(Duration.ofDays(10))))
                .with(state("sad", 0.5, NOW));
        UserEmotion better = UserEmotion.first("ann", state("sad", 0.9, NOW.minus(Duration.ofDays(2))))
                .with(state("joyful", 0.9, NOW));

        // THEN
        assertThat(analyse(List.of(), old, List.of()).previousMotivation()).isEmpty();
        assertThat(analyse(List.of(), better, List.of()).motivationDrop()).isZero();
    }

    @Test
    void withoutHistoryThereIsNoDrop() {
        UserEmotion emotion = UserEmotion.first("ann", state("sad", 1.0, NOW));

        BehaviourAnalysis analysis = analyse(List.of(), emotion, List.of());

        assertThat(analysis.previousMotivation()).isEmpty();
        assertThat(analysis.motivationDrop()).isZero();
    }

    @Test
    void turnsOlderThanTheLookbackAreIgnored() {
        BehaviourAnalysis analysis = analyse(List.of(NOW.minus(Duration.ofDays(20))), null, List.of());

        assertThat(analysis.lastActiveAt()).isNull();
    }

    static EmotionalState state(String label, double level, Instant at) {
        return new EmotionalState(level, label, List.of(), at, EmotionalState.LEARNED);
    }
}
