package dev.lumen.domain.proactive;

import dev.lumen.domain.learning.EmotionalState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * How one user is doing, as of {@code at}. Every figure is in [0, 1], simple, monotone and
 * explainable — a coach must be able to say why it reached out:
 *
 * <ul>
 *   <li><b>engagement</b> = ½·min(1, turns in the last 7 days / 14) + ½·(active days of the last 7) / 7.
 *       Two turns a day every day is full engagement; it rises with every turn and every active day.</li>
 *   <li><b>abandonment risk</b> = 1 − (0.6·recency + 0.4·engagement), recency = e^(−idle hours / 72)
 *       (1 just after a turn, ~0.37 after three idle days, 0 with no turn in the lookback). It rises
 *       with idle time and falls with engagement.</li>
 *   <li><b>motivation</b> = 0.5·mood + 0.3·pace + 0.2·engagement. mood = ½ + ½·valence·level of the
 *       current emotional state, valence +1 for a positive label ({@link #POSITIVE}), −1 for a negative
 *       one ({@link #NEGATIVE}), 0 otherwise; ½ when no state is known. pace = mean over unfinished goals
 *       of min(1, progress / expected) (1 when nothing is expected yet); ½ when there are no goals.</li>
 *   <li><b>previous motivation</b>: the same formula with the mood of the mean of the history's states
 *       within the lookback, and today's pace and engagement (neither has a history: the activity feed
 *       keeps about a week, goal progress keeps no past values). So the drop is ½·(earlier mood − mood):
 *       a change of heart, not a quiet week counted twice. Empty when the history has no state in the lookback.</li>
 * </ul>
 *
 * @param lastActiveAt the user's latest turn; null when none in the lookback
 */
public record BehaviourAnalysis(String userId, Instant at, double engagement, double abandonmentRisk,
                                double motivation, OptionalDouble previousMotivation, Instant lastActiveAt,
                                List<GoalStatus> goals) {
    static final Set<String> POSITIVE = Set.of("joyful", "happy", "motivated", "excited", "calm", "confident",
            "proud", "hopeful", "grateful", "content", "optimistic", "energized", "relieved");
    static final Set<String> NEGATIVE = Set.of("anxious", "sad", "frustrated", "angry", "stressed", "tired",
            "discouraged", "overwhelmed", "lonely", "bored", "demotivated", "hopeless", "worried", "exhausted");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final double FULL_WEEK_TURNS = 14.0;
    private static final double RECENCY_HOURS = 72.0;

    public BehaviourAnalysis {
        Objects.requireNonNull(userId, "userId");
        goals = goals == null ? List.of() : List.copyOf(goals);
        previousMotivation = previousMotivation == null ? OptionalDouble.empty() : previousMotivation;
    }

    /** Analyses {@code input} as of {@code now}, reading turns and states no older than {@code lookback}. */
    public static BehaviourAnalysis of(BehaviourInput input, Instant now, Duration lookback) {
        Instant from = now.minus(lookback);
        List<Instant> turns = input.turns().stream().filter(t -> !t.isBefore(from) && !t.isAfter(now)).toList();
        Instant last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        double engagement = engagement(turns, input, now.minus(WEEK), now);
        double recency = last == null ? 0.0
                : Math.exp(-Duration.between(last, now).toMinutes() / 60.0 / RECENCY_HOURS);
        double risk = clamp(1.0 - (0.6 * recency + 0.4 * engagement));
        double pace = pace(input.goals());
        double mood = input.emotion() == null ? 0.5 : mood(input.emotion().current());
        double motivation = motivation(mood, pace, engagement);
        OptionalDouble previous = OptionalDouble.empty();
        if (input.emotion() != null) {
            OptionalDouble earlierMood = input.emotion().history().stream()
                    .filter(s -> !s.at().isBefore(from)).mapToDouble(BehaviourAnalysis::mood).average();
            if (earlierMood.isPresent()) {
                previous = OptionalDouble.of(motivation(earlierMood.getAsDouble(), pace, engagement));
            }
        }
        return new BehaviourAnalysis(input.userId(), now, engagement, risk, motivation, previous, last, input.goals());
    }

    /** How far motivation fell since a week earlier; 0 when it rose or is unknown. */
    public double motivationDrop() {
        return previousMotivation.isPresent() ? Math.max(0.0, previousMotivation.getAsDouble() - motivation) : 0.0;
    }

    /** Time since the last turn; empty when there was none in the lookback. */
    public java.util.Optional<Duration> idle() {
        return lastActiveAt == null ? java.util.Optional.empty() : java.util.Optional.of(Duration.between(lastActiveAt, at));
    }

    static double mood(EmotionalState state) {
        int valence = POSITIVE.contains(state.state()) ? 1 : NEGATIVE.contains(state.state()) ? -1 : 0;
        return 0.5 + 0.5 * valence * state.level();
    }

    private static double motivation(double mood, double pace, double engagement) {
        return clamp(0.5 * mood + 0.3 * pace + 0.2 * engagement);
    }

    /** Turns in [from, to) and distinct local days with a turn, as the javadoc's formula. */
    private static double engagement(List<Instant> turns, BehaviourInput input, Instant from, Instant to) {
        List<Instant> window = turns.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).toList();
        long days = window.stream().map(t -> LocalDate.ofInstant(t, input.zone())).distinct().count();
        return clamp(0.5 * Math.min(1.0, window.size() / FULL_WEEK_TURNS) + 0.5 * Math.min(1.0, days / 7.0));
    }

    private static double pace(List<GoalStatus> goals) {
        List<GoalStatus> open = goals.stream().filter(g -> !g.done()).toList();
        if (open.isEmpty()) {
            return 0.5;
        }
        return open.stream()
                .mapToDouble(g -> g.expected() <= 0.0 ? 1.0 : Math.min(1.0, g.progress() / g.expected()))
                .average().orElse(0.5);
    }

    private static double clamp(double value) {
        return Math.max(0.0, Math.min(1.0, value));
    }
}
