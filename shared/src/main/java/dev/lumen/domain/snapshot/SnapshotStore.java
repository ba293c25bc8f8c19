package dev.lumen.domain.snapshot;

import java.util.List;
import java.util.Optional;

/** Port: where snapshots are kept, one item per (kind, id, version). */
public interface SnapshotStore {

    /**
     * Stores the snapshot only if its version is free: two takers racing for the same version
     * cannot overwrite each other.
     *
     * @return false when that version exists (nothing was written; the caller takes the next one)
     * @throws dev.lumen.domain.error.PayloadTooLargeException when the bytes are over what the store can keep
     */
    boolean put(StoredSnapshot snapshot);

    /** The snapshots of (kind, id), newest version first, at most {@code limit}. */
    List<Snapshot> versions(SnapshotKind kind, String id, int limit);

    Optional<StoredSnapshot> get(SnapshotKind kind, String id, long version);

    /** Removes one version (pruning); removing a missing one does nothing. */
    void delete(SnapshotKind kind, String id, long version);
}
