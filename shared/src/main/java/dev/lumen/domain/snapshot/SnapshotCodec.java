package dev.lumen.domain.snapshot;

/**
 * Port: turns a state into the compact bytes a snapshot stores and back. The bytes carry their own
 * format header so the encoding can change without breaking old snapshots.
 */
public interface SnapshotCodec {

    byte[] encode(SnapshotState state);

    /**
     * @throws dev.lumen.domain.error.UnprocessableContentException when the bytes are not a state of that kind
     */
    SnapshotState decode(SnapshotKind kind, byte[] bytes);
}
