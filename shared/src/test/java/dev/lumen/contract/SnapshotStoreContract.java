package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.domain.Ids;
import dev.lumen.domain.snapshot.Snapshot;
import dev.lumen.domain.snapshot.SnapshotKind;
import dev.lumen.domain.snapshot.SnapshotReason;
import dev.lumen.domain.snapshot.SnapshotStore;
import dev.lumen.domain.snapshot.Snapshots;
import dev.lumen.domain.snapshot.StoredSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SnapshotStore} must do. Cases use fresh random ids. {@link #corrupt} flips a
 * byte of a stored snapshot the way each store can be damaged (in place, meta data untouched).
 */
public abstract class SnapshotStoreContract {
    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private SnapshotStore store;

    protected abstract SnapshotStore newStore();

    /** Flips one byte of the stored state of that version, leaving its checksum as it was. */
    protected abstract void corrupt(SnapshotKind kind, String id, long version, int byteIndex);

    @BeforeEach
    void create() {
        store = newStore();
    }

    protected SnapshotStore store() {
        return store;
    }

    static StoredSnapshot snapshot(SnapshotKind kind, String id, long version, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new StoredSnapshot(new Snapshot(kind, id, version, T.plusSeconds(version), SnapshotReason.MANUAL,
                Snapshots.sha256(bytes), bytes.length), bytes);
    }

    @Test
    void aStoredVersionReadsBackExactlyAndAnUnknownOneIsEmpty() {
        String id = "p-" + Ids.random();
        StoredSnapshot v1 = snapshot(SnapshotKind.PERSONA, id, 1, "state one");
        assertThat(store.put(v1)).isTrue();
        assertThat(store.get(SnapshotKind.PERSONA, id, 1)).contains(v1);
        assertThat(store.get(SnapshotKind.PERSONA, id, 2)).isEmpty();
        assertThat(store.get(SnapshotKind.USER, id, 1)).as("kinds are separate").isEmpty();
    }

    @Test
    void putIsIfAbsentAndNeverOverwrites() {
        String id = "p-" + Ids.random();
        assertThat(store.put(snapshot(SnapshotKind.PERSONA, id, 1, "first"))).isTrue();
        assertThat(store.put(snapshot(SnapshotKind.PERSONA, id, 1, "second"))).isFalse();
        assertThat(new String(store.get(SnapshotKind.PERSONA, id, 1).orElseThrow().bytes(), StandardCharsets.UTF_8))
                .isEqualTo("first");
    }

    @Test
    void concurrentPutsOfOneVersionHaveExactlyOneWinner() throws Exception {
        String id = "p-" + Ids.random();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String content = "writer " + i;
                tasks.add(() -> store.put(snapshot(SnapshotKind.PERSONA, id, 1, content)));
            }
            int winners = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void versionsAreNewestFirstBeyondTenAndLimited() {
        String id = "u-" + Ids.random();
        for (long v = 1; v <= 12; v++) {
            store.put(snapshot(SnapshotKind.USER, id, v, "v" + v));
        }
        assertThat(store.versions(SnapshotKind.USER, id, 100)).extracting(Snapshot::version)
                .containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(store.versions(SnapshotKind.USER, id, 2)).extracting(Snapshot::version).containsExactly(12L, 11L);
        assertThat(store.versions(SnapshotKind.USER, id, 1).get(0))
                .isEqualTo(snapshot(SnapshotKind.USER, id, 12, "v12").meta());
        assertThat(store.versions(SnapshotKind.USER, "u-" + Ids.random(), 10)).isEmpty();
    }

    @Test
    void deleteRemovesOneVersionAndIsHarmlessTwice() {
        String id = "a-" + Ids.random();
        store.put(snapshot(SnapshotKind.AGENT, id, 1, "one"));
        store.put(snapshot(SnapshotKind.AGENT, id, 2, "two"));
        store.delete(SnapshotKind.AGENT, id, 1);
        store.delete(SnapshotKind.AGENT, id, 1);
        assertThat(store.versions(SnapshotKind.AGENT, id, 10)).extracting(Snapshot::version).containsExactly(2L);
        assertThat(store.get(SnapshotKind.AGENT, id, 1)).isEmpty();
    }

    @Test
    void aFlippedByteInTheStoredBytesNoLongerMatchesTheChecksum() {
        String id = "p-" + Ids.random();
        store.put(snapshot(SnapshotKind.PERSONA, id, 1, "intact state"));
        corrupt(SnapshotKind.PERSONA, id, 1, 3);
        StoredSnapshot read = store.get(SnapshotKind.PERSONA, id, 1).orElseThrow();
        assertThat(read.meta().checksum()).as("meta data untouched")
                .isEqualTo(Snapshots.sha256("intact state".getBytes(StandardCharsets.UTF_8)));
        assertThat(Snapshots.sha256(read.bytes())).isNotEqualTo(read.meta().checksum());
    }
}
