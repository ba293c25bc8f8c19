package dev.lumen.domain.proactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.learning.UserEmotion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final ProactiveSettings SETTINGS = ProactiveSettings.defaults();
    private final TriggerRules rules = new TriggerRules(SETTINGS);

    private static BehaviourAnalysis analyse(List<Instant> turns, UserEmotion emotion, List<GoalStatus> goals) {
        return BehaviourAnalysis.of(new BehaviourInput("ann", turns, emotion, goals, null), NOW, SETTINGS.lookback());
    }

    @Test
    void inactivityFiresAtTwentyFourHoursNotBefore() {
        List<Trigger> at24 = rules.evaluate(analyse(List.of(NOW.minus(Duration.ofHours(24))), null, List.of()));
        List<Trigger> at23 = rules.evaluate(analyse(List.of(NOW.minus(Duration.ofHours(23))), null, List.of()));

        assertThat(at24).extracting(Trigger::type).containsExactly(TriggerType.INACTIVITY);
        assertThat(at24.get(0).evidence()).containsEntry("idleHours", "24");
        assertThat(at23).isEmpty();
    }

    @Test
    void goalRulesFireOnTheirThresholds() {
        // GIVEN one goal 0.31 behind, stagnant 3 days, milestone in 20 hours; another fine
        GoalStatus troubled = new GoalStatus("run 5k", 0.19, 0.5, NOW.minus(Duration.ofDays(3)),
                NOW.plus(Duration.ofHours(20)));
        GoalStatus fine = new GoalStatus("read", 0.5, 0.6, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(5)));

        // WHEN the user was active 5 hours ago (past the minimum idle, not inactive)
        List<Trigger> fired = rules.evaluate(analyse(List.of(NOW.minus(Duration.ofHours(5))), null,
                List.of(troubled, fine)));

        // THEN ordered by priority
        assertThat(fired).extracting(Trigger::type).containsExactly(TriggerType.MILESTONE_DUE,
                TriggerType.GOAL_DEVIATION, TriggerType.PROGRESS_STAGNATION);
        assertThat(fired).allSatisfy(t -> assertThat(t.evidence()).containsEntry("goal", "run 5k"));
    }

    @Test
    void goalsJustInsideTheThresholdsFireNothing() {
        GoalStatus close = new GoalStatus("run 5k", 0.2, 0.5, NOW.minus(Duration.ofDays(3)).plusSeconds(1),
                NOW.plus(Duration.ofDays(1)).plusSeconds(1));

        assertThat(rules.evaluate(analyse(List.of(NOW.minus(Duration.ofHours(5))), null, List.of(close)))).isEmpty();
    }

    @Test
    void finishedGoalsFireNothing() {
        GoalStatus done = new GoalStatus("run 5k", 1.0, 1.0, NOW.minus(Duration.ofDays(30)), NOW.plusSeconds(3_600));

        assertThat(rules.evaluate(analyse(List.of(NOW.minus(Duration.ofHours(5))), null, List.of(done)))).isEmpty();
    }

    @Test
    void aUserActiveTwoHoursAgoFiresNothingEvenWithGoalsBehind() {
        GoalStatus behind = new GoalStatus("run 5k", 0.0, 0.9, NOW.minus(Duration.ofDays(10)), NOW.plusSeconds(3_600));

        assertThat(rules.evaluate(analyse(List.of(NOW.minus(Duration.ofHours(2))), null, List.of(behind)))).isEmpty();
    }

    @Test
    void motivationDropAboveTheThresholdFires() {
        UserEmotion emotion = UserEmotion.first("ann", BehaviourAnalysisTest.state("joyful", 0.9, NOW.minus(Duration.ofDays(5))))
                .with(BehaviourAnalysisTest.state("discouraged", 0.9, NOW.minus(Duration.ofHours(6))));

        List<Trigger> fired = rules.evaluate(analyse(List.of(NOW.minus(Duration.ofHours(6))), emotion, List.of()));

        assertThat(fired).extracting(Trigger::type).containsExactly(TriggerType.MOTIVATION_DROP);
        assertThat(fired.get(0).evidence()).containsKeys("motivation", "previousMotivation");
    }

    @Test
    void severityOrdersWithinAndNeverAcrossTypes() {
        Trigger barelyMilestone = Trigger.of(TriggerType.MILESTONE_DUE, 0.0, null);
        Trigger extremeInactivity = Trigger.of(TriggerType.INACTIVITY, 50.0, null);
        Trigger mildInactivity = Trigger.of(TriggerType.INACTIVITY, 0.1, null);

        List<Trigger> sorted = List.of(mildInactivity, extremeInactivity, barelyMilestone).stream()
                .sorted(TriggerRules.BY_PRIORITY).toList();

        assertThat(sorted).containsExactly(barelyMilestone, extremeInactivity, mildInactivity);
    }
}
