package dev.lumen.domain.memory;

import dev.lumen.domain.vector.EmbeddingModel;
import dev.lumen.domain.vector.VectorDocument;
import dev.lumen.domain.vector.VectorHit;
import dev.lumen.domain.vector.VectorIndex;
import dev.lumen.domain.vector.VectorQuery;
import dev.lumen.domain.vector.VectorStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-term memory: every exchange becomes a memory (its text embedded and indexed), and chat
 * recalls the ones most similar to a new message — only from the same persona and user, inside
 * the persona's tenant.
 */
public final class MemoryService {
    public static final String INDEX = "memories";
    static final String PERSONA = "personaId";
    static final String USER = "userId";
    static final String SESSION = "sessionId";
    /**
     * Anonymous chats share one memory space per persona; a user id keeps each user's apart.
     * '~' cannot appear in a user id (see {@link dev.lumen.domain.Ids}), so no user can claim it.
     */
    static final String ANONYMOUS = "~anonymous";

    private final EmbeddingModel embeddings;
    private final VectorStore vectors;
    private volatile boolean indexReady;

    /**
     * Cheap: nothing is called until the first memory is remembered or recalled, so a function's
     * start never depends on the vector store being reachable.
     */
    public MemoryService(EmbeddingModel embeddings, VectorStore vectors) {
        this.embeddings = embeddings;
        this.vectors = vectors;
    }

    /** Indexes the exchange under its interaction id: remembering the same interaction twice keeps one memory. */
    public void remember(InteractionRecorded interaction) {
        String text = "User: " + interaction.userText() + "\nAssistant: " + interaction.replyText();
        Map<String, String> attributes = new HashMap<>();
        attributes.put(PERSONA, interaction.personaId());
        attributes.put(USER, userKey(interaction.userId()));
        attributes.put(SESSION, interaction.sessionId());
        ensureIndex();
        vectors.upsert(INDEX, List.of(new VectorDocument(interaction.interactionId(), interaction.tenant(), text,
                embeddings.embed(text), attributes, interaction.occurredAt())));
    }

    /** The {@code k} memories of this persona and user most similar to {@code message}, best first. */
    public List<RecalledMemory> recall(String tenant, String personaId, String userId, String message, int k) {
        VectorQuery query = new VectorQuery(tenant, embeddings.embed(message), k,
                Map.of(PERSONA, personaId, USER, userKey(userId)));
        ensureIndex();
        return vectors.search(INDEX, query).stream().map(MemoryService::recalled).toList();
    }

    /** Deletes these memories (ids are interaction ids) from the tenant's memories; unknown ids are ignored. */
    public void forget(String tenant, java.util.Collection<String> memoryIds) {
        if (memoryIds.isEmpty()) {
            return;
        }
        ensureIndex();
        vectors.delete(INDEX, tenant, memoryIds);
    }

    /**
     * Creates the index on first use, or checks that it was made for this model: a store refuses
     * vectors of another model or size ({@link dev.lumen.domain.vector.IndexMismatchException}).
     * Racing first calls both ask; {@code ensureIndex} is idempotent.
     */
    private void ensureIndex() {
        if (!indexReady) {
            vectors.ensureIndex(new VectorIndex(INDEX, embeddings.modelId(), embeddings.dimensions()));
            indexReady = true;
        }
    }

    private static RecalledMemory recalled(VectorHit hit) {
        VectorDocument doc = hit.document();
        return new RecalledMemory(doc.id(), doc.text(), doc.attributes().get(SESSION), doc.createdAt(), hit.score());
    }

    private static String userKey(String userId) {
        return userId == null ? ANONYMOUS : userId;
    }
}
