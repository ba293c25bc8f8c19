package dev.lumen.fakes;

import dev.lumen.contract.FindingRepositoryContract;
import dev.lumen.domain.agent.FindingRepository;

class InMemoryFindingRepositoryTest extends FindingRepositoryContract {
    @Override
    protected FindingRepository newRepository() {
        return new InMemoryFindingRepository();
    }
}
