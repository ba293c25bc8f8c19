package dev.lumen.fakes;

import dev.lumen.contract.GoalStoreContract;
import dev.lumen.domain.proactive.GoalStore;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryGoalStoreTest extends GoalStoreContract {

    @Override
    protected GoalStore newStore() {
        return new InMemoryGoalStore();
    }
}
