package dev.lumen.fakes;

import dev.lumen.contract.CustodyRepositoryContract;
import dev.lumen.domain.custody.CustodyRepository;

class InMemoryCustodyRepositoryTest extends CustodyRepositoryContract {
    @Override
    protected CustodyRepository newRepository() {
        return new InMemoryCustodyRepository();
    }
}
