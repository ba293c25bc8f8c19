package dev.lumen.domain.snapshot;

import dev.lumen.domain.snapshot.SnapshotState.AgentState;
import dev.lumen.domain.snapshot.SnapshotState.EmotionState;
import dev.lumen.domain.snapshot.SnapshotState.PersonaState;
import dev.lumen.domain.snapshot.SnapshotState.ProfileState;
import dev.lumen.domain.snapshot.SnapshotState.TraitState;
import dev.lumen.domain.snapshot.SnapshotState.UserState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two states of the same kind. Everything but a persona's traits is flattened to dotted
 * field names and compared value by value, so a new field in a state record shows up in diffs by
 * adding one line here.
 */
final class SnapshotDiffs {
    private SnapshotDiffs() {
    }

    static SnapshotDiff diff(Snapshot from, SnapshotState before, Snapshot to, SnapshotState after) {
        SnapshotDiff.TraitChanges traits = before instanceof PersonaState p && after instanceof PersonaState q
                ? traits(p.traits(), q.traits()) : null;
        Map<String, Object> a = flatten(before);
        Map<String, Object> b = flatten(after);
        List<SnapshotDiff.FieldChange> fields = new ArrayList<>();
        for (String field : new TreeSet<>(union(a, b))) {
            if (!Objects.equals(a.get(field), b.get(field))) {
                fields.add(new SnapshotDiff.FieldChange(field, a.get(field), b.get(field)));
            }
        }
        return new SnapshotDiff(from.kind(), from.id(), from.version(), to.version(), traits, fields);
    }

    private static java.util.Set<String> union(Map<String, Object> a, Map<String, Object> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    static SnapshotDiff.TraitChanges traits(List<TraitState> before, List<TraitState> after) {
        Map<String, TraitState> old = byId(before);
        Map<String, TraitState> now = byId(after);
        List<TraitState> added = new ArrayList<>();
        List<TraitState> removed = new ArrayList<>();
        List<SnapshotDiff.IntensityChange> changed = new ArrayList<>();
        for (TraitState trait : after) {
            TraitState was = old.get(trait.id());
            if (was == null) {
                added.add(trait);
            } else if (Double.compare(was.intensity(), trait.intensity()) != 0) {
                changed.add(new SnapshotDiff.IntensityChange(trait.id(), trait.name(), was.intensity(), trait.intensity()));
            }
        }
        for (TraitState trait : before) {
            if (!now.containsKey(trait.id())) {
                removed.add(trait);
            }
        }
        return new SnapshotDiff.TraitChanges(added, removed, changed);
    }

    private static Map<String, TraitState> byId(List<TraitState> traits) {
        Map<String, TraitState> map = new LinkedHashMap<>();
        traits.forEach(t -> map.put(t.id(), t));
        return map;
    }

    /** Every field but a persona's traits, by dotted name; absent values are left out. */
    static Map<String, Object> flatten(SnapshotState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (state instanceof PersonaState p) {
            put(out, "name", p.name());
            put(out, "description", p.description());
            put(out, "creatorId", p.creatorId());
        } else if (state instanceof UserState u) {
            emotion(out, u.emotion());
            put(out, "emotionHistory.size", u.emotionHistory().size());
            profile(out, u.profile());
        } else if (state instanceof AgentState a) {
            put(out, "xp", a.xp());
            put(out, "eligible", a.eligible());
            put(out, "lastRunAt", a.lastRunAt());
            for (SnapshotState.ExampleState e : a.material()) {
                put(out, "material." + e.category() + "." + e.testId(), e.answer());
            }
        }
        return out;
    }

    private static void emotion(Map<String, Object> out, EmotionState e) {
        if (e == null) {
            return;
        }
        put(out, "emotion.state", e.state());
        put(out, "emotion.level", e.level());
        put(out, "emotion.triggers", e.triggers());
        put(out, "emotion.source", e.source());
        put(out, "emotion.at", e.at());
    }

    private static void profile(Map<String, Object> out, ProfileState p) {
        if (p == null) {
            return;
        }
        put(out, "profile.goals", p.goals());
        put(out, "profile.preferences", p.preferences());
        put(out, "profile.progress", p.progress());
        put(out, "profile.communicationStyle", p.communicationStyle());
        put(out, "profile.interactions", p.interactions());
    }

    private static void put(Map<String, Object> out, String field, Object value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
