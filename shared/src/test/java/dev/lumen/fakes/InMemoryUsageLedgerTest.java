package dev.lumen.fakes;

import dev.lumen.contract.UsageLedgerContract;
import dev.lumen.domain.usage.UsageLedger;

class InMemoryUsageLedgerTest extends UsageLedgerContract {
    @Override
    protected UsageLedger newLedger() {
        return new InMemoryUsageLedger();
    }
}
