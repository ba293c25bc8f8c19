package dev.lumen.fakes;

import dev.lumen.contract.InteractionStores;
import dev.lumen.contract.PendingInteractionsContract;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryPendingInteractionsTest extends PendingInteractionsContract {

    @Override
    protected InteractionStores newStores() {
        return InMemoryStores.create();
    }
}
