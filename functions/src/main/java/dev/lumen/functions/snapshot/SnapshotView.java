package dev.lumen.functions.snapshot;

import dev.lumen.domain.snapshot.Snapshot;
import java.time.Instant;

/** A snapshot's meta data as the API shows it: kind and reason as lower-case words. */
record SnapshotView(String kind, String id, long version, Instant takenAt, String reason, String checksum, int size) {
    static SnapshotView of(Snapshot s) {
        return new SnapshotView(s.kind().slug(), s.id(), s.version(), s.takenAt(), s.reason().wireName(), s.checksum(),
                s.size());
    }
}
