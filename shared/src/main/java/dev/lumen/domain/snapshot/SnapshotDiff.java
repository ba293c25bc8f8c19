package dev.lumen.domain.snapshot;

import java.util.List;

/**
 * What changed from one version to another, field by field.
 *
 * @param traits persona snapshots only (null otherwise): traits added, removed and with another intensity
 * @param fields every other field that differs, by dotted name ({@code description},
 *               {@code emotion.level}, {@code profile.goals}, {@code material.CODE_QUALITY.cq-1}, …);
 *               {@code from}/{@code to} are null where the field is absent on that side
 */
public record SnapshotDiff(SnapshotKind kind, String id, long from, long to, TraitChanges traits,
                           List<FieldChange> fields) {
    public SnapshotDiff {
        fields = List.copyOf(fields);
    }

    public record TraitChanges(List<SnapshotState.TraitState> added, List<SnapshotState.TraitState> removed,
                               List<IntensityChange> changed) {
        public TraitChanges {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }
    }

    /** A trait present on both sides whose intensity differs: {@code from} → {@code to}. */
    public record IntensityChange(String id, String name, double from, double to) {
    }

    public record FieldChange(String field, Object from, Object to) {
    }
}
