package dev.lumen.fakes;

import dev.lumen.contract.ConnectionRegistryContract;
import dev.lumen.domain.realtime.ConnectionRegistry;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryConnectionRegistryTest extends ConnectionRegistryContract {

    @Override
    protected ConnectionRegistry newRegistry() {
        return new InMemoryConnectionRegistry();
    }
}
