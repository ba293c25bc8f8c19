package dev.lumen.fakes;

import dev.lumen.contract.CreatorRepositoryContract;
import dev.lumen.domain.knowledge.CreatorRepository;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryCreatorRepositoryTest extends CreatorRepositoryContract {

    @Override
    protected CreatorRepository newRepository() {
        return new InMemoryCreatorRepository();
    }
}
