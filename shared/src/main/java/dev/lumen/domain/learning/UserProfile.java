package dev.lumen.domain.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Lumen has learned about a user across conversations. Each list is newest first, without
 * case-insensitive duplicates, at most {@link #LIST_LIMIT} entries.
 *
 * @param communicationStyle e.g. {@code concise-casual}; null until learned
 * @param interactions       how many interactions contributed
 */
public record UserProfile(String userId, List<String> goals, List<String> preferences, List<String> progress,
                          String communicationStyle, long interactions, Instant updatedAt) {
    public static final int LIST_LIMIT = 20;

    public UserProfile {
        goals = goals == null ? List.of() : List.copyOf(goals);
        preferences = preferences == null ? List.of() : List.copyOf(preferences);
        progress = progress == null ? List.of() : List.copyOf(progress);
    }

    public static UserProfile empty(String userId) {
        return new UserProfile(userId, List.of(), List.of(), List.of(), null, 0, null);
    }

    /** This profile with one more interaction's findings. */
    public UserProfile merge(ProfileUpdate update, Instant at) {
        return new UserProfile(userId, merged(update.goals(), goals), merged(update.preferences(), preferences),
                merged(update.progress(), progress),
                update.communicationStyle() == null ? communicationStyle : update.communicationStyle(),
                interactions + 1, at);
    }

    private static List<String> merged(List<String> newer, List<String> older) {
        List<String> out = new ArrayList<>(LIST_LIMIT);
        List<String> seen = new ArrayList<>(LIST_LIMIT);
        for (List<String> source : List.of(newer, older)) {
            for (String entry : source) {
                String key = entry.strip().toLowerCase(Locale.ROOT);
                if (out.size() < LIST_LIMIT && !key.isEmpty() && !seen.contains(key)) {
                    seen.add(key);
                    out.add(entry.strip());
                }
            }
        }
        return List.copyOf(out);
    }
}
