package dev.lumen.fakes;

import dev.lumen.domain.snapshot.Snapshot;
import dev.lumen.domain.snapshot.SnapshotKind;
import dev.lumen.domain.snapshot.SnapshotStore;
import dev.lumen.domain.snapshot.StoredSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link SnapshotStore} in memory; {@link #overwrite} lets tests corrupt what is stored. */
public final class InMemorySnapshotStore implements SnapshotStore {
    private final Map<String, NavigableMap<Long, StoredSnapshot>> byTarget = new ConcurrentHashMap<>();

    private NavigableMap<Long, StoredSnapshot> target(SnapshotKind kind, String id) {
        return byTarget.computeIfAbsent(kind.slug() + "#" + id, k -> new ConcurrentSkipListMap<>());
    }

    @Override
    public boolean put(StoredSnapshot snapshot) {
        return target(snapshot.meta().kind(), snapshot.meta().id()).putIfAbsent(snapshot.meta().version(), snapshot) == null;
    }

    @Override
    public List<Snapshot> versions(SnapshotKind kind, String id, int limit) {
        List<Snapshot> out = new ArrayList<>();
        for (StoredSnapshot s : target(kind, id).descendingMap().values()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(s.meta());
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<StoredSnapshot> get(SnapshotKind kind, String id, long version) {
        return Optional.ofNullable(target(kind, id).get(version));
    }

    @Override
    public void delete(SnapshotKind kind, String id, long version) {
        target(kind, id).remove(version);
    }

    /** Replaces the stored bytes of a version, keeping its meta data (checksum included): storage corruption. */
    public void overwrite(SnapshotKind kind, String id, long version, byte[] bytes) {
        target(kind, id).computeIfPresent(version, (v, s) -> new StoredSnapshot(s.meta(), bytes));
    }
}
