package dev.lumen.domain.snapshot;

import java.util.List;

/**
 * The state a snapshot holds, one record per kind. These records are the encoding's schema: they
 * are separate from the domain records (with times as ISO-8601 text) so that the domain can evolve
 * without breaking the snapshots already stored.
 */
public sealed interface SnapshotState permits SnapshotState.PersonaState, SnapshotState.UserState,
        SnapshotState.AgentState {

    /** A persona's settings and its effective traits (own and inherited), as {@code GET /api/personas/{id}} shows them. */
    record PersonaState(String name, String description, String creatorId, List<TraitState> traits)
            implements SnapshotState {
        public PersonaState {
            traits = traits == null ? List.of() : List.copyOf(traits);
        }
    }

    record TraitState(String id, String name, String description, double intensity, boolean inherited) {
    }

    /** A user's emotional state (current and history, newest first) and learned profile; either may be null. */
    record UserState(EmotionState emotion, List<EmotionState> emotionHistory, ProfileState profile)
            implements SnapshotState {
        public UserState {
            emotionHistory = emotionHistory == null ? List.of() : List.copyOf(emotionHistory);
        }
    }

    record EmotionState(double level, String state, List<String> triggers, String at, String source) {
        public EmotionState {
            triggers = triggers == null ? List.of() : List.copyOf(triggers);
        }
    }

    record ProfileState(List<String> goals, List<String> preferences, List<String> progress,
                        String communicationStyle, long interactions, String updatedAt) {
        public ProfileState {
            goals = goals == null ? List.of() : List.copyOf(goals);
            preferences = preferences == null ? List.of() : List.copyOf(preferences);
            progress = progress == null ? List.of() : List.copyOf(progress);
        }
    }

    /** An agent's custody standing and the examples it was taught, by category then test id. */
    record AgentState(String agent, long xp, boolean eligible, String lastRunAt, List<ExampleState> material)
            implements SnapshotState {
        public AgentState {
            material = material == null ? List.of() : List.copyOf(material);
        }
    }

    record ExampleState(String testId, String category, String question, String answer, String taughtBy,
                        String taughtAt) {
    }

    /** Which kind this state is of. */
    static SnapshotKind kindOf(SnapshotState state) {
        if (state instanceof PersonaState) {
            return SnapshotKind.PERSONA;
        }
        return state instanceof UserState ? SnapshotKind.USER : SnapshotKind.AGENT;
    }

    /** The record class a kind decodes to. */
    static Class<? extends SnapshotState> typeOf(SnapshotKind kind) {
        return switch (kind) {
            case PERSONA -> PersonaState.class;
            case USER -> UserState.class;
            case AGENT -> AgentState.class;
        };
    }
}
