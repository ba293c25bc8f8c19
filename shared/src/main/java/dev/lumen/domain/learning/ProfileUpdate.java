package dev.lumen.domain.learning;

import java.util.List;

/**
 * What one message says about its user, to be merged into their {@link UserProfile}.
 *
 * @param communicationStyle null when the message says nothing about it
 */
public record ProfileUpdate(List<String> goals, List<String> preferences, List<String> progress,
                            String communicationStyle) {
    public static final ProfileUpdate NOTHING = new ProfileUpdate(List.of(), List.of(), List.of(), null);

    public ProfileUpdate {
        goals = goals == null ? List.of() : List.copyOf(goals);
        preferences = preferences == null ? List.of() : List.copyOf(preferences);
        progress = progress == null ? List.of() : List.copyOf(progress);
    }
}
