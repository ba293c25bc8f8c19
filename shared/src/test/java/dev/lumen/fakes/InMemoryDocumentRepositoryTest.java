package dev.lumen.fakes;

import dev.lumen.contract.DocumentRepositoryContract;
import dev.lumen.domain.knowledge.DocumentRepository;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryDocumentRepositoryTest extends DocumentRepositoryContract {

    @Override
    protected DocumentRepository newRepository() {
        return new InMemoryDocumentRepository();
    }
}
