package dev.lumen.fakes;

import dev.lumen.contract.SnapshotStoreContract;
import dev.lumen.domain.snapshot.SnapshotKind;
import dev.lumen.domain.snapshot.SnapshotStore;

class InMemorySnapshotStoreTest extends SnapshotStoreContract {
    @Override
    protected SnapshotStore newStore() {
        return new InMemorySnapshotStore();
    }

    @Override
    protected void corrupt(SnapshotKind kind, String id, long version, int byteIndex) {
        InMemorySnapshotStore store = (InMemorySnapshotStore) store();
        byte[] bytes = store.get(kind, id, version).orElseThrow().bytes();
        bytes[byteIndex] ^= 0x01;
        store.overwrite(kind, id, version, bytes);
    }
}
