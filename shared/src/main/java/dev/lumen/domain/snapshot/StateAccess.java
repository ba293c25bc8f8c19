package dev.lumen.domain.snapshot;

import java.util.List;

/**
 * Port, one per {@link SnapshotKind}: reads the current state of one id and puts a snapshot's state
 * back through the domain's own use cases, so that a restore is validated and audited like any
 * other change.
 */
public interface StateAccess {

    SnapshotKind kind();

    /** @throws dev.lumen.domain.error.NotFoundException when there is nothing of that id */
    SnapshotState read(String id);

    /**
     * Called before a restore snapshots or writes anything.
     *
     * @throws dev.lumen.domain.error.ConflictException when this kind cannot be restored at all
     */
    default void requireRestorable() {
    }

    /**
     * Makes the current state equal to {@code state} as far as the domain allows.
     *
     * @param actor who the changes are attributed to in audit trails, e.g. {@code snapshot:persona/p1@3}
     * @return the fields that were changed and those that could not be
     * @throws dev.lumen.domain.error.ConflictException when this kind cannot be restored at all
     */
    Restored restore(String id, SnapshotState state, String actor);

    /**
     * @param changed      fields written back, e.g. {@code traits.empathy.intensity}
     * @param unrestorable fields that differ but have no use case that could write them back
     */
    record Restored(List<String> changed, List<String> unrestorable) {
        public Restored {
            changed = List.copyOf(changed);
            unrestorable = List.copyOf(unrestorable);
        }
    }
}
