package dev.lumen.fakes;

import dev.lumen.contract.InteractionStores;
import dev.lumen.contract.LearningRepositoryContract;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryLearningRepositoryTest extends LearningRepositoryContract {

    @Override
    protected InteractionStores newStores() {
        return InMemoryStores.create();
    }
}
