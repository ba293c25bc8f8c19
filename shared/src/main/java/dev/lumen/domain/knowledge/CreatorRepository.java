package dev.lumen.domain.knowledge;

import java.util.Optional;

/** Port: creators' profiles. */
public interface CreatorRepository {

    /** Creates or replaces the creator's profile. */
    void save(Creator creator);

    Optional<Creator> find(String creatorId);
}
