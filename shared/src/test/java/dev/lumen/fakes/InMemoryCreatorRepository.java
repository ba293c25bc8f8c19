package dev.lumen.fakes;

import dev.lumen.domain.knowledge.Creator;
import dev.lumen.domain.knowledge.CreatorRepository;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link CreatorRepository} for domain unit tests; same contract as the real adapters. */
public final class InMemoryCreatorRepository implements CreatorRepository {
    private final Map<String, Creator> creators = new ConcurrentHashMap<>();

    @Override
    public void save(Creator creator) {
        creators.put(creator.creatorId(), creator);
    }

    @Override
    public Optional<Creator> find(String creatorId) {
        return Optional.ofNullable(creators.get(creatorId));
    }
}
