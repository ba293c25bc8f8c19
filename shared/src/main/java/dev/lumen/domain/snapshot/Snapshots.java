package dev.lumen.domain.snapshot;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.UnprocessableContentException;
import dev.lumen.domain.error.ValidationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned, checksummed snapshots of personas, users and agents: take (on demand or on the
 * schedule), list, read, diff, restore, prune.
 *
 * <p>Versions are allocated by a conditional put: a taker reads the newest version and writes the
 * next one only if it is still free, and on losing the race to another taker, reads again. Two
 * concurrent takers therefore get distinct versions and neither overwrites the other.
 *
 * <p>A restore verifies the SHA-256 of the stored bytes before decoding anything, so a corrupted
 * snapshot (a flipped bit in storage, a truncated item) is refused with 422
 * {@code snapshot_corrupted} and nothing changes. 422 rather than 409: the request is well-formed
 * and nothing about the current state conflicts; it is the content of the snapshot that cannot be
 * used, which is what 422 means elsewhere in the API. Before writing, the current state is itself
 * snapshotted ({@link SnapshotReason#PRE_RESTORE}), so a restore can be undone by restoring that version.
 */
public final class Snapshots {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    public static final int DEFAULT_KEEP = 100;
    /** How many versions a list returns at most; pruning keeps fewer than this by default. */
    public static final int MAX_LIST = 1_000;
    static final int MAX_ATTEMPTS = 20;

    private final SnapshotStore store;
    private final SnapshotCodec codec;
    private final Map<SnapshotKind, StateAccess> access = new EnumMap<>(SnapshotKind.class);
    private final int keep;
    private final Clock clock;

    public Snapshots(SnapshotStore store, SnapshotCodec codec, List<StateAccess> accesses, int keep, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        for (StateAccess a : accesses) {
            access.put(a.kind(), a);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        this.keep = keep;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The result of a restore: the version restored, the snapshot taken just before it (to undo), what changed. */
    public record Restore(Snapshot restored, Snapshot undo, List<String> changed, List<String> unrestorable) {
    }

    /** A snapshot's meta data with its decoded state. */
    public record Detail(Snapshot snapshot, SnapshotState state) {
    }

    /** Takes a snapshot of the current state now; always stores a new version. */
    public Snapshot take(SnapshotKind kind, String id, SnapshotReason reason) {
        return takeIfChanged(kind, id, reason, false).orElseThrow();
    }

    /**
     * The schedule's take: stores a new version only when the state differs from the newest stored
     * one (same checksum of the same encoding = same state).
     *
     * @return empty when nothing changed since the newest snapshot
     */
    public Optional<Snapshot> takeIfChanged(SnapshotKind kind, String id) {
        return takeIfChanged(kind, id, SnapshotReason.SCHEDULED, true);
    }

    private Optional<Snapshot> takeIfChanged(SnapshotKind kind, String id, SnapshotReason reason, boolean skipUnchanged) {
        Ids.require("id", id);
        byte[] bytes = codec.encode(access(kind).read(id));
        String checksum = sha256(bytes);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<Snapshot> newest = store.versions(kind, id, 1);
            if (skipUnchanged && !newest.isEmpty() && newest.get(0).checksum().equals(checksum)) {
                return Optional.empty();
            }
            long version = newest.isEmpty() ? 1 : newest.get(0).version() + 1;
            Snapshot meta = new Snapshot(kind, id, version, clock.instant(), reason, checksum, bytes.length);
            if (store.put(new StoredSnapshot(meta, bytes))) {
                prune(kind, id, version);
                return Optional.of(meta);
            }
            // Another taker stored this version first: read the newest again and take the next one.
        }
        throw new ConflictException("snapshot_contention", "too many snapshots of " + kind.slug() + " '" + id
                + "' are being taken at once; retry");
    }

    /** The versions of (kind, id), newest first. */
    public List<Snapshot> versions(SnapshotKind kind, String id) {
        Ids.require("id", id);
        access(kind);
        return store.versions(kind, id, MAX_LIST);
    }

    /** One version with its state; a corrupted one is refused (see {@link #restore}). */
    public Detail get(SnapshotKind kind, String id, long version) {
        StoredSnapshot stored = load(kind, id, version);
        return new Detail(stored.meta(), verifiedState(stored));
    }

    /** Field-level differences from version {@code from} to version {@code to}. */
    public SnapshotDiff diff(SnapshotKind kind, String id, long from, long to) {
        Detail a = get(kind, id, from);
        Detail b = get(kind, id, to);
        return SnapshotDiffs.diff(a.snapshot(), a.state(), b.snapshot(), b.state());
    }

    /**
     * Puts version {@code version} back: checksum verified first (422 {@code snapshot_corrupted}
     * and nothing changed when it does not match), then the current state is snapshotted, then
     * the state is written through the kind's use cases with actor {@code snapshot:{kind}/{id}@{version}}.
     */
    public Restore restore(SnapshotKind kind, String id, long version) {
        StateAccess target = access(kind);
        target.requireRestorable();
        StoredSnapshot stored = load(kind, id, version);
        SnapshotState state = verifiedState(stored);
        Snapshot undo = take(kind, id, SnapshotReason.PRE_RESTORE);
        StateAccess.Restored restored = target.restore(id, state, "snapshot:" + kind.slug() + "/" + id + "@" + version);
        LOG.info("snapshot restored kind={} id={} version={} undoVersion={} changed={} unrestorable={}",
                kind.slug(), id, version, undo.version(), restored.changed().size(), restored.unrestorable().size());
        return new Restore(stored.meta(), undo, restored.changed(), restored.unrestorable());
    }

    /** Deletes every version beyond the newest {@code keep}; {@code newest} is the one just written. */
    private void prune(SnapshotKind kind, String id, long newest) {
        if (newest <= keep) {
            return;
        }
        List<Snapshot> all = store.versions(kind, id, MAX_LIST);
        for (Snapshot old : all.subList(Math.min(keep, all.size()), all.size())) {
            store.delete(kind, id, old.version());
        }
    }

    private StoredSnapshot load(SnapshotKind kind, String id, long version) {
        Ids.require("id", id);
        access(kind);
        if (version < 1) {
            throw new ValidationException("invalid_version", "'version' must be a whole number from 1");
        }
        return store.get(kind, id, version).orElseThrow(() -> new NotFoundException("snapshot_not_found",
                kind.slug() + " '" + id + "' has no snapshot version " + version));
    }

    /** Checks the stored bytes against their checksum before anything reads them, then decodes. */
    private SnapshotState verifiedState(StoredSnapshot stored) {
        Snapshot meta = stored.meta();
        byte[] bytes = stored.bytes();
        if (!sha256(bytes).equals(meta.checksum()) || bytes.length != meta.size()) {
            LOG.warn("snapshot corrupted kind={} id={} version={}", meta.kind().slug(), meta.id(), meta.version());
            throw corrupted(meta);
        }
        try {
            return codec.decode(meta.kind(), bytes);
        } catch (UnprocessableContentException e) {
            // Checksum right but undecodable: written by a broken encoder; just as unusable.
            throw corrupted(meta);
        }
    }

    private static UnprocessableContentException corrupted(Snapshot meta) {
        return new UnprocessableContentException("snapshot_corrupted", meta.kind().slug() + " '" + meta.id()
                + "' snapshot version " + meta.version() + " does not match its checksum; it cannot be used");
    }

    private StateAccess access(SnapshotKind kind) {
        StateAccess a = access.get(kind);
        if (a == null) {
            throw new ValidationException("invalid_kind", "snapshots of '" + kind.slug() + "' are not configured");
        }
        return a;
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
