package dev.lumen.domain.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known about one stored snapshot without decoding it.
 *
 * @param version  1, 2, 3… per (kind, id); never reused, even after pruning
 * @param checksum SHA-256 of the stored (encoded, compressed) bytes, lower-case hex
 * @param size     length of the stored bytes
 */
public record Snapshot(SnapshotKind kind, String id, long version, Instant takenAt, SnapshotReason reason,
                       String checksum, int size) {
    public Snapshot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(checksum, "checksum");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, was " + version);
        }
    }
}
