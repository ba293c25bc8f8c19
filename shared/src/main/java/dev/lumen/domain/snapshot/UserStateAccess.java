package dev.lumen.domain.snapshot;

import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.UserEmotion;
import dev.lumen.domain.learning.UserProfile;
import dev.lumen.domain.snapshot.SnapshotState.EmotionState;
import dev.lumen.domain.snapshot.SnapshotState.ProfileState;
import dev.lumen.domain.snapshot.SnapshotState.UserState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * User snapshots: the emotional state (with its history) and the learned profile. A restore sets
 * the snapshot's emotional state as an explicit state now (the same write as
 * {@code PUT /api/users/{userId}/emotional-state}: the state being replaced goes to the history).
 * The profile is replaced as a whole ({@link LearningRepository#replaceProfile}, version-checked
 * against the learner, stamped with the restore's time). What cannot be put back is reported: a
 * state or profile learned since a snapshot that had none (only erasing the user removes them).
 */
public final class UserStateAccess implements StateAccess {
    private final LearningRepository learning;
    private final Clock clock;

    public UserStateAccess(LearningRepository learning, Clock clock) {
        this.learning = Objects.requireNonNull(learning, "learning");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SnapshotKind kind() {
        return SnapshotKind.USER;
    }

    @Override
    public SnapshotState read(String id) {
        Optional<UserEmotion> emotion = learning.emotionalState(id);
        Optional<UserProfile> profile = learning.profile(id);
        if (emotion.isEmpty() && profile.isEmpty()) {
            throw new NotFoundException("user_not_found", "nothing has been learned about user '" + id + "' yet");
        }
        List<EmotionState> history = new ArrayList<>();
        emotion.ifPresent(e -> e.history().forEach(h -> history.add(emotion(h))));
        return new UserState(emotion.map(e -> emotion(e.current())).orElse(null), history,
                profile.map(UserStateAccess::profile).orElse(null));
    }

    @Override
    public Restored restore(String id, SnapshotState state, String actor) {
        UserState target = (UserState) state;
        UserState current = (UserState) read(id);
        List<String> changed = new ArrayList<>();
        List<String> unrestorable = new ArrayList<>();
        EmotionState want = target.emotion();
        EmotionState have = current.emotion();
        if (want == null) {
            if (have != null) {
                unrestorable.add("emotion");
            }
        } else if (have == null || Double.compare(want.level(), have.level()) != 0 || !want.state().equals(have.state())
                || !want.triggers().equals(have.triggers())) {
            learning.setEmotionalState(id, new EmotionalState(want.level(), want.state(), want.triggers(),
                    clock.instant(), EmotionalState.EXPLICIT));
            changed.add("emotion");
        }
        if (!sameProfile(target.profile(), current.profile())) {
            if (target.profile() == null) {
                unrestorable.add("profile"); // learned since the snapshot; nothing erases it but erasing the user
            } else {
                learning.replaceProfile(profile(id, target.profile()));
                changed.add("profile");
            }
        }
        return new Restored(changed, unrestorable);
    }

    private static boolean sameProfile(ProfileState a, ProfileState b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.goals().equals(b.goals()) && a.preferences().equals(b.preferences()) && a.progress().equals(b.progress())
                && Objects.equals(a.communicationStyle(), b.communicationStyle()) && a.interactions() == b.interactions();
    }

    /** The snapshot's profile as the user's profile, stamped with the time of the restore. */
    private UserProfile profile(String userId, ProfileState p) {
        return new UserProfile(userId, p.goals(), p.preferences(), p.progress(), p.communicationStyle(), p.interactions(),
                clock.instant());
    }

    private static EmotionState emotion(EmotionalState e) {
        return new EmotionState(e.level(), e.state(), e.triggers(), e.at().toString(), e.source());
    }

    private static ProfileState profile(UserProfile p) {
        return new ProfileState(p.goals(), p.preferences(), p.progress(), p.communicationStyle(), p.interactions(),
                p.updatedAt() == null ? null : p.updatedAt().toString());
    }
}
