package dev.lumen.domain.proactive;

import dev.lumen.domain.learning.UserEmotion;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * What the analysis reads about one user, gathered by the caller from the stores.
 *
 * @param turns   times of the user's chat turns (the activity feed's {@code CHAT_TURN} entries), any order
 * @param emotion the user's emotional state and its history; null when none was learned
 * @param goals   goal progress; empty when unknown
 * @param zone    the user's time zone; UTC when unknown (null)
 */
public record BehaviourInput(String userId, List<Instant> turns, UserEmotion emotion, List<GoalStatus> goals, ZoneId zone) {

    public BehaviourInput {
        Objects.requireNonNull(userId, "userId");
        turns = turns == null ? List.of() : turns.stream().sorted().toList();
        goals = goals == null ? List.of() : List.copyOf(goals);
        zone = zone == null ? ZoneOffset.UTC : zone;
    }
}
