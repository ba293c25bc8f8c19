package dev.lumen.domain.memory;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaService;
import java.util.List;

/**
 * {@code GET /api/personas/{personaId}/memories}: what a persona remembers of a user that is
 * most like a query, with scores — the same recall chat uses, for clients and for debugging.
 */
public final class MemoryLookup {
    public static final int MAX_K = 50;
    public static final int MAX_QUERY = 1_000;

    private final PersonaService personas;
    private final MemoryService memory;

    public MemoryLookup(PersonaService personas, MemoryService memory) {
        this.personas = personas;
        this.memory = memory;
    }

    /**
     * @param userId null for the persona's anonymous conversations
     */
    public List<RecalledMemory> search(String personaId, String userId, String query, int k) {
        if (userId != null) {
            Ids.require("userId", userId);
        }
        if (query == null || query.isBlank()) {
            throw new ValidationException("missing_field", "'q' is required: the text to find similar memories for");
        }
        if (query.length() > MAX_QUERY) {
            throw new ValidationException("query_too_long", "'q' is longer than " + MAX_QUERY + " characters");
        }
        if (k < 1 || k > MAX_K) {
            throw new ValidationException("invalid_k", "'k' must be a whole number from 1 to " + MAX_K);
        }
        Persona persona = personas.load(personaId);
        return memory.recall(persona.creatorId(), persona.id(), userId, query.strip(), k);
    }
}
