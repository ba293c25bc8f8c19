package dev.lumen.fakes;

import dev.lumen.contract.VectorStoreContract;
import dev.lumen.domain.vector.VectorStore;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class ExactVectorStoreTest extends VectorStoreContract {

    @Override
    protected VectorStore newStore() {
        return new ExactVectorStore();
    }
}
