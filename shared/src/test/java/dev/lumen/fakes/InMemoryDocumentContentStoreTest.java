package dev.lumen.fakes;

import dev.lumen.contract.DocumentContentStoreContract;
import dev.lumen.domain.knowledge.DocumentContentStore;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryDocumentContentStoreTest extends DocumentContentStoreContract {

    @Override
    protected DocumentContentStore newStore() {
        return new InMemoryDocumentContentStore();
    }
}
