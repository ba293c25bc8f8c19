package dev.lumen.domain.snapshot;

import java.util.Arrays;
import java.util.Objects;

/** A snapshot as the store keeps it: its meta data and the encoded state, checked against {@link Snapshot#checksum()}. */
public record StoredSnapshot(Snapshot meta, byte[] bytes) {
    public StoredSnapshot {
        Objects.requireNonNull(meta, "meta");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredSnapshot s && meta.equals(s.meta) && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * meta.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "StoredSnapshot[" + meta + ", " + bytes.length + " bytes]";
    }
}
