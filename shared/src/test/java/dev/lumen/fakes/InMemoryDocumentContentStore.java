package dev.lumen.fakes;

import dev.lumen.domain.knowledge.DocumentContentStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link DocumentContentStore} in a map, for domain tests. */
public final class InMemoryDocumentContentStore implements DocumentContentStore {
    private final Map<String, byte[]> contents = new HashMap<>();

    @Override
    public synchronized void put(String creatorId, String documentId, int revision, byte[] content) {
        contents.put(key(creatorId, documentId) + revision, content.clone());
    }

    @Override
    public synchronized Optional<byte[]> get(String creatorId, String documentId, int revision) {
        return Optional.ofNullable(contents.get(key(creatorId, documentId) + revision)).map(byte[]::clone);
    }

    @Override
    public synchronized void delete(String creatorId, String documentId) {
        contents.keySet().removeIf(key -> key.startsWith(key(creatorId, documentId)));
    }

    public synchronized int size() {
        return contents.size();
    }

    private static String key(String creatorId, String documentId) {
        return creatorId + "/" + documentId + "/";
    }
}
