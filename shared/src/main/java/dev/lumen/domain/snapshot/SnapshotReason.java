package dev.lumen.domain.snapshot;

import java.util.Locale;

/**
 * Why a snapshot was taken: asked for through the API, by the schedule (only when the state
 * changed), or automatically just before a restore overwrote the state (so a restore can be undone).
 */
public enum SnapshotReason {
    MANUAL, SCHEDULED, PRE_RESTORE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnapshotReason fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
